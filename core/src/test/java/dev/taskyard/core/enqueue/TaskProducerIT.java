package dev.taskyard.core.enqueue;

import static dev.taskyard.core.testing.TaskFixtures.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskyard.core.InvalidInputException;
import dev.taskyard.core.Taskyard;
import dev.taskyard.core.task.TaskRecord;
import dev.taskyard.core.task.TaskState;
import dev.taskyard.core.testing.RedisQueue;
import dev.taskyard.core.testing.TestRedis;
import java.time.Duration;
import java.util.List;
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
}
