package dev.taskyard.core.control;

import static dev.taskyard.core.testing.TaskFixtures.aNumberedTask;
import static dev.taskyard.core.testing.TaskFixtures.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskyard.core.Taskyard;
import dev.taskyard.core.enqueue.TaskRequest;
import dev.taskyard.core.schedule.ScheduleDefinition;
import dev.taskyard.core.task.TaskState;
import dev.taskyard.core.testing.RedisQueue;
import dev.taskyard.core.testing.TestRedis;
import dev.taskyard.core.worker.PermanentTaskFailure;
import dev.taskyard.core.worker.WorkerPool;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RStream;
import org.redisson.api.stream.StreamCreateGroupArgs;
import org.redisson.api.stream.StreamMessageId;
import org.redisson.api.stream.StreamReadGroupArgs;
import org.redisson.client.codec.StringCodec;

class QueueDeleteIT {
  @RegisterExtension final RedisQueue queue = new RedisQueue();
  private final Taskyard taskyard = TestRedis.get().taskyard();

  @Test
  void aQueueOfEndedTasksIsDeletedWithEveryKeyItHad() {
    List<String> ids =
        taskyard.producer().submitAll(queue.name(), List.of(aTask(), aTask(), aTask())).stream()
            .map(s -> s.id())
            .toList();
    String failing = taskyard.producer().submit(queue.name(), TaskRequest.of("fails", "{}")).id();
    String keyed =
        taskyard.producer().submit(queue.name(), aTask().withIdempotencyKey("order-7")).id();
    taskyard
        .schedules()
        .create(queue.name(), "nightly", ScheduleDefinition.of("0 2 * * *", aTask()));
    try (WorkerPool pool =
        taskyard
            .workerPool()
            .queue(queue.name(), 2)
            .handler("test.noop", t -> null)
            .handler(
                "fails",
                t -> {
                  throw new PermanentTaskFailure("no");
                })
            .start()) {
      queue.awaitAll(ids, TaskState.SUCCEEDED);
      queue.awaitAll(List.of(keyed), TaskState.SUCCEEDED);
      queue.awaitAll(List.of(failing), TaskState.FAILED);
    }

    long removed = taskyard.queues().delete(queue.name(), false, Duration.ZERO);

    assertThat(removed).isEqualTo(5);
    // what is left expires by itself: remembered replies, the workers' last claim records
    assertThat(queue.lastingKeyCount()).isZero();
    assertThat(taskyard.queues().queues()).doesNotContain(queue.name());
    // the name can be used again, as a new queue: the old idempotency key is gone with its task
    String again =
        taskyard.producer().submit(queue.name(), aTask().withIdempotencyKey("order-7")).id();
    assertThat(again).isNotEqualTo(keyed);
    assertThat(taskyard.queues().settings(queue.name())).isEqualTo(QueueSettings.defaults());
  }

  @Test
  void aQueueHoldingTasksThatHaveNotEndedIsRefusedUnchangedUnlessForced() {
    taskyard.producer().submitAll(queue.name(), List.of(aTask(), aTask()));
    taskyard.producer().submit(queue.name(), aTask().withDelay(Duration.ofHours(1)));
    long keys = queue.keyCount();

    assertThatThrownBy(() -> taskyard.queues().delete(queue.name(), false, Duration.ZERO))
        .isInstanceOfSatisfying(
            QueueNotEmptyException.class,
            e -> {
              assertThat(e.queued()).isEqualTo(2);
              assertThat(e.scheduled()).isEqualTo(1);
            });
    assertThat(queue.keyCount()).isEqualTo(keys);
    assertThat(taskyard.stats().status(queue.name()).paused()).isFalse();

    assertThat(taskyard.queues().delete(queue.name(), true, Duration.ZERO)).isEqualTo(3);
    assertThat(queue.keyCount()).isZero();
  }

  @Test
  void aLargeQueueIsDeletedInBoundedSteps() {
    for (int b = 0; b < 3; b++) {
      taskyard
          .producer()
          .submitAll(
              queue.name(), IntStream.range(0, 900).mapToObj(i -> aNumberedTask(i)).toList());
    }

    assertThat(taskyard.queues().delete(queue.name(), true, Duration.ZERO)).isEqualTo(2700);
    assertThat(queue.keyCount()).isZero();
  }

  @Test
  void theEventStreamStaysUntilItsConsumerGroupHasReadItAll() {
    taskyard.producer().submit(queue.name(), aTask());
    RStream<String, String> events =
        TestRedis.get().redisson().getStream(queue.keys().events(), StringCodec.INSTANCE);
    events.createGroup(StreamCreateGroupArgs.name("archiver").id(StreamMessageId.ALL));

    assertThatThrownBy(() -> taskyard.queues().delete(queue.name(), true, Duration.ZERO))
        .isInstanceOf(HistoryBehindException.class);
    assertThat(events.isExists()).isTrue();
    assertThat(taskyard.queues().queues()).contains(queue.name());

    var read = events.readGroup("archiver", "c1", StreamReadGroupArgs.neverDelivered().count(1000));
    events.ack("archiver", read.keySet().toArray(StreamMessageId[]::new));
    taskyard.queues().delete(queue.name(), true, Duration.ofSeconds(5));

    assertThat(queue.keyCount()).isZero();
    assertThat(taskyard.queues().queues()).doesNotContain(queue.name());
  }

  @Test
  void anUnknownQueueIsUnknown() {
    assertThatThrownBy(() -> taskyard.queues().delete(queue.name(), true, Duration.ZERO))
        .isInstanceOf(UnknownQueueException.class);
  }
}
