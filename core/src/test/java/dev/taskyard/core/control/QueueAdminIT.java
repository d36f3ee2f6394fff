package dev.taskyard.core.control;

import static dev.taskyard.core.testing.TaskFixtures.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.taskyard.core.InvalidInputException;
import dev.taskyard.core.Taskyard;
import dev.taskyard.core.task.TaskRecord;
import dev.taskyard.core.testing.RedisQueue;
import dev.taskyard.core.testing.TestRedis;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class QueueAdminIT {
  @RegisterExtension final RedisQueue queue = new RedisQueue();
  @RegisterExtension final RedisQueue other = new RedisQueue();
  private final Taskyard taskyard = TestRedis.get().taskyard();

  @Test
  void queueIsRegisteredOnFirstUseWithDefaultSettingsAndListed() {
    taskyard.producer().submit(queue.name(), aTask());

    assertThat(taskyard.queues().queues()).contains(queue.name());
    assertThat(taskyard.queues().settings(queue.name())).isEqualTo(QueueSettings.defaults());
  }

  @Test
  void storedSettingsApplyToTasksSubmittedAfterwards() {
    QueueSettings settings =
        QueueSettings.defaults()
            .withDefaultPriority(7)
            .withMaxAttempts(9)
            .withTimeout(Duration.ofMinutes(2))
            .withBackoff(Duration.ofSeconds(2), Duration.ofMinutes(1), 0.25)
            .withCapacity(1000)
            .withMaxConcurrency(4)
            .withRateLimit(250.5)
            .withThresholds(
                new BacklogThresholds(5000, Duration.ofMinutes(10), 0.05, Duration.ofMinutes(15)));
    taskyard.queues().configure(queue.name(), settings);

    String id = taskyard.producer().submit(queue.name(), aTask()).id();

    assertThat(taskyard.queues().settings(queue.name())).isEqualTo(settings);
    TaskRecord task = taskyard.tasks().find(queue.name(), id).orElseThrow();
    assertThat(task.priority()).isEqualTo(7);
    assertThat(task.maxAttempts()).isEqualTo(9);
    assertThat(task.timeoutMs()).isEqualTo(120_000);
  }

  @Test
  void aChangeMadeToSettingsReadEarlierKeepsFieldsChangedMeanwhile() {
    taskyard.queues().configure(queue.name(), QueueSettings.defaults());
    QueueSettings read = taskyard.queues().settings(queue.name());
    taskyard.queues().setWorkerThreads(queue.name(), 4); // another node scales meanwhile

    taskyard.queues().change(queue.name(), read, read.withCapacity(10));

    QueueSettings now = taskyard.queues().settings(queue.name());
    assertThat(now.capacity()).isEqualTo(10);
    assertThat(now.workers().threads()).isEqualTo(4);
  }

  @Test
  void aChangeOfANewQueueRegistersItWithTheDefaultsAndTheChange() {
    QueueSettings defaults = QueueSettings.defaults();

    taskyard.queues().change(queue.name(), defaults, defaults.withMaxAttempts(7));

    assertThat(taskyard.queues().queues()).contains(queue.name());
    assertThat(taskyard.queues().settings(queue.name())).isEqualTo(defaults.withMaxAttempts(7));
  }

  @Test
  void settingsOfAnotherNodeAreSeenAtOnce() {
    try (Taskyard otherNode = TestRedis.get().newNode()) {
      otherNode.queues().configure(queue.name(), QueueSettings.defaults().withMaxAttempts(5));

      assertThat(taskyard.queues().settings(queue.name()).maxAttempts()).isEqualTo(5);
      assertThat(taskyard.producer().submit(queue.name(), aTask()).id()).isNotBlank();
    }
  }

  @Test
  void unknownQueueCannotBeReadOrPaused() {
    assertThatThrownBy(() -> taskyard.queues().settings(queue.name()))
        .isInstanceOf(UnknownQueueException.class);
    assertThatThrownBy(() -> taskyard.queues().pause(queue.name()))
        .isInstanceOf(UnknownQueueException.class);
  }

  @Test
  void taskIsFoundByIdAloneAcrossQueues() {
    taskyard.producer().submit(other.name(), aTask());
    String id = taskyard.producer().submit(queue.name(), aTask()).id();

    assertThat(taskyard.tasks().find(id, List.of(other.name(), queue.name())))
        .hasValueSatisfying(t -> assertThat(t.queue()).isEqualTo(queue.name()));
    assertThat(taskyard.tasks().find("no-such-id", List.of(other.name(), queue.name()))).isEmpty();
  }

  @Test
  void workerSettingsAreStoredWithTheQueueSettings() {
    WorkerScaling autoscaled =
        WorkerScaling.defaults().withAutoscaling(2, 12, 50, Duration.ofSeconds(45));
    taskyard.queues().setWorkerScaling(queue.name(), autoscaled);
    taskyard.queues().setWorkerThreads(queue.name(), 5);

    assertThat(taskyard.queues().settings(queue.name()).workers())
        .isEqualTo(autoscaled.withThreads(5));
    assertThat(taskyard.queues().workerScaling(List.of(queue.name(), other.name())))
        .containsExactly(
            entry(queue.name(), autoscaled.withThreads(5)),
            entry(other.name(), WorkerScaling.defaults()));
    assertThat(taskyard.queues().queues()).contains(queue.name()).doesNotContain(other.name());
  }

  @Test
  void invalidWorkerThreadsAreRefusedBeforeAnythingIsWritten() {
    assertThatThrownBy(() -> taskyard.queues().setWorkerThreads(queue.name(), -1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("threadsPerNode: must be 0-10000");

    assertThat(taskyard.queues().queues()).doesNotContain(queue.name());
  }
}
