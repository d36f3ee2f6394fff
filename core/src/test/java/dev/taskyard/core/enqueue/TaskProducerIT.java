package dev.taskyard.core.enqueue;

import static dev.taskyard.core.testing.TaskFixtures.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskyard.core.InvalidInputException;
import dev.taskyard.core.Taskyard;
import dev.taskyard.core.control.QueueSettings;
import dev.taskyard.core.redis.LuaScript;
import dev.taskyard.core.redis.ScriptReply;
import dev.taskyard.core.redis.ScriptRunner;
import dev.taskyard.core.task.TaskRecord;
import dev.taskyard.core.task.TaskState;
import dev.taskyard.core.testing.RedisQueue;
import dev.taskyard.core.testing.TestRedis;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TaskProducerIT {
  @RegisterExtension final RedisQueue queue = new RedisQueue();
  private final Taskyard taskyard = TestRedis.get().taskyard();

  @Test
  void submittedTaskIsStoredQueuedWithQueueDefaults() {
    Submission s = taskyard.producer().submit(queue.name(), aTask().withCorrelationId("order-7"));

    TaskRecord task = taskyard.tasks().find(queue.name(), s.id()).orElseThrow();
    assertThat(s.created()).isTrue();
    assertThat(task.state()).isEqualTo(TaskState.QUEUED);
    assertThat(task.payload()).isEqualTo("{}");
    assertThat(task.priority()).isZero();
    assertThat(task.maxAttempts()).isEqualTo(3);
    assertThat(task.timeoutMs()).isEqualTo(30_000);
    assertThat(task.correlationId()).contains("order-7");
    assertThat(task.attempts()).isZero();
  }

  @Test
  void delayedTaskIsScheduled() {
    Submission s = taskyard.producer().submit(queue.name(), aTask().withDelay(Duration.ofHours(1)));

    TaskRecord task = taskyard.tasks().find(queue.name(), s.id()).orElseThrow();
    assertThat(task.state()).isEqualTo(TaskState.SCHEDULED);
    assertThat(Duration.between(task.createdAt(), task.queuedAt())).isEqualTo(Duration.ofHours(1));
    assertThat(taskyard.stats().status(queue.name()).scheduled()).isEqualTo(1);
  }

  @Test
  void invalidTaskInBatchIsRejectedWithItsIndexAndNothingIsWritten() {
    List<TaskRequest> batch = List.of(aTask(), aTask(), TaskRequest.of("t", "{not json"));

    assertThatThrownBy(() -> taskyard.producer().submitAll(queue.name(), batch))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo("tasks[2].payload");
    assertThat(queue.keyCount()).isZero();
  }

  @Test
  void repeatedIdempotencyKeyReturnsTheFirstTask() {
    Submission first = taskyard.producer().submit(queue.name(), aTask().withIdempotencyKey("k1"));
    Submission again = taskyard.producer().submit(queue.name(), aTask().withIdempotencyKey("k1"));

    assertThat(again.id()).isEqualTo(first.id());
    assertThat(again.created()).isFalse();
    assertThat(taskyard.stats().status(queue.name()).queued()).isEqualTo(1);
  }

  @Test
  void idempotencyKeyRepeatedWithinABatchCreatesOneTask() {
    List<Submission> subs =
        taskyard
            .producer()
            .submitAll(
                queue.name(),
                List.of(aTask().withIdempotencyKey("k"), aTask(), aTask().withIdempotencyKey("k")));

    assertThat(subs.get(2).id()).isEqualTo(subs.get(0).id());
    assertThat(subs).extracting(Submission::created).containsExactly(true, true, false);
    assertThat(taskyard.stats().status(queue.name()).queued()).isEqualTo(2);
  }

  @Test
  void concurrentSubmitsWithOneIdempotencyKeyCreateOneTask() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<Submission>> results = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        results.add(
            threads.submit(
                () ->
                    taskyard
                        .producer()
                        .submit(queue.name(), aTask().withIdempotencyKey("pay-42"))));
      }
      Set<String> ids = new HashSet<>();
      long created = 0;
      for (Future<Submission> r : results) {
        ids.add(r.get().id());
        created += r.get().created() ? 1 : 0;
      }
      assertThat(ids).hasSize(1);
      assertThat(created).isEqualTo(1);
      assertThat(taskyard.stats().status(queue.name()).totals().enqueued()).isEqualTo(1);
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void batchThatWouldOverflowCapacityIsRefusedWhole() {
    taskyard.queues().configure(queue.name(), QueueSettings.defaults().withCapacity(5));
    taskyard.producer().submitAll(queue.name(), Collections.nCopies(3, aTask()));

    assertThatThrownBy(
            () -> taskyard.producer().submitAll(queue.name(), Collections.nCopies(3, aTask())))
        .isInstanceOf(QueueFullException.class)
        .hasMessageContaining("capacity 5");
    assertThat(taskyard.stats().status(queue.name()).queued()).isEqualTo(3);
    assertThat(taskyard.stats().status(queue.name()).totals().enqueued()).isEqualTo(3);
  }

  @Test
  void concurrentSubmitsNeverExceedCapacity() throws Exception {
    taskyard.queues().configure(queue.name(), QueueSettings.defaults().withCapacity(100));
    ExecutorService threads = Executors.newFixedThreadPool(8);
    AtomicInteger accepted = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    try {
      List<Future<?>> results = new ArrayList<>();
      for (int i = 0; i < 80; i++) {
        results.add(
            threads.submit(
                () -> {
                  try {
                    taskyard.producer().submitAll(queue.name(), Collections.nCopies(3, aTask()));
                    accepted.addAndGet(3);
                  } catch (QueueFullException e) {
                    refused.incrementAndGet();
                  }
                }));
      }
      for (Future<?> r : results) {
        r.get();
      }
    } finally {
      threads.shutdownNow();
    }
    long queued = taskyard.stats().status(queue.name()).queued();
    assertThat(accepted.get()).isEqualTo(99);
    assertThat(queued).isEqualTo(99);
    assertThat(refused.get()).isEqualTo(47);
  }

  @Test
  void taskWithARunAtTimeIsScheduledForThatTime() {
    Instant at = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MILLIS);

    Submission s = taskyard.producer().submit(queue.name(), aTask().withRunAt(at));

    assertThat(taskyard.tasks().find(queue.name(), s.id()).orElseThrow().queuedAt()).isEqualTo(at);
  }

  @Test
  void everyKindOfBadInputIsRejectedNamingTheFieldWithNothingWritten() {
    List<TaskRequest> bad =
        List.of(
            TaskRequest.of("", "{}"),
            TaskRequest.of("t", null),
            TaskRequest.of("t", "[1,"),
            TaskRequest.of("t", "\"" + "x".repeat(1024 * 1024) + "\""),
            aTask().withPriority(5000),
            aTask().withMaxAttempts(0),
            aTask().withTimeout(Duration.ofMillis(1)),
            aTask().withDelay(Duration.ofSeconds(-1)),
            aTask().withIdempotencyKey(" "));
    List<String> fields = new ArrayList<>();
    for (TaskRequest r : bad) {
      try {
        taskyard.producer().submit(queue.name(), r);
      } catch (InvalidInputException e) {
        fields.add(e.field());
      }
    }
    assertThatThrownBy(() -> taskyard.producer().submit("bad{name}", aTask()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("queue");

    assertThat(fields)
        .containsExactly(
            "type",
            "payload",
            "payload",
            "payload",
            "priority",
            "maxAttempts",
            "timeout",
            "delay",
            "idempotencyKey");
    assertThat(queue.keyCount()).isZero();
  }

  @Test
  void submitRepeatedAfterALostReplyWritesNothingTwice() {
    List<String> args = new ArrayList<>();
    args.add("2");
    args.add(queue.keys().wakeChannel());
    for (String id : List.of("id-1", "id-2")) {
      args.addAll(
          List.of(
              id,
              "t",
              "{}",
              "",
              "",
              "",
              "",
              "",
              id.equals("id-2") ? "key-2" : "",
              "",
              "",
              "",
              "",
              ""));
    }
    taskyard.queues().configure(queue.name(), QueueSettings.defaults());
    ScriptRunner scripts = new ScriptRunner(TestRedis.get().redisson());
    List<String> keys =
        List.of(
            queue.keys().queued(),
            queue.keys().scheduled(),
            queue.keys().config(),
            queue.keys().stats(),
            queue.keys().events(),
            queue.keys().taskPrefix(),
            queue.keys().idempotencyPrefix(),
            queue.keys().waiting(),
            queue.keys().finished());

    ScriptReply first = scripts.run(LuaScript.SUBMIT_TASKS, keys, args);
    ScriptReply again = scripts.run(LuaScript.SUBMIT_TASKS, keys, args);

    for (ScriptReply r : List.of(first, again)) {
      assertThat(List.of(r.string(0), r.number(1), r.string(2), r.number(3)))
          .containsExactly("id-1", 1L, "id-2", 1L);
    }
    assertThat(taskyard.stats().status(queue.name()).totals().enqueued()).isEqualTo(2);
    assertThat(taskyard.events().read(queue.name(), "0", 10))
        .extracting(e -> e.type())
        .containsExactly("queue-configured", "submitted");
  }
}
