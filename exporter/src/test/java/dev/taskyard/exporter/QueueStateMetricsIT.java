package dev.taskyard.exporter;

import static dev.taskyard.core.testing.TaskFixtures.aTask;
import static dev.taskyard.core.testing.TaskFixtures.currentLease;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskyard.core.Taskyard;
import dev.taskyard.core.task.TaskRef;
import dev.taskyard.core.testing.RedisQueue;
import dev.taskyard.core.testing.TestRedis;
import dev.taskyard.core.worker.TaskLeases;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class QueueStateMetricsIT {
  @RegisterExtension final RedisQueue queue = new RedisQueue();
  private final Taskyard taskyard = TestRedis.get().taskyard();

  @Test
  void publishesTasksInEachStateTheOldestAgeAndThePausedFlag() {
    String q = queue.name();
    taskyard.producer().submit(q, aTask().withMaxAttempts(1));
    String doomed = taskyard.leases().claim(q, "w", 1).tasks().get(0).id();
    taskyard
        .leases()
        .fail(q, List.of(new TaskLeases.Failure(currentLease(q, doomed), "boom", "", false)));
    taskyard.producer().submit(q, aTask());
    taskyard.leases().claim(q, "w", 1);
    String parent = taskyard.producer().submit(q, aTask()).id();
    taskyard.producer().submit(q, aTask().withDelay(Duration.ofHours(1)));
    taskyard.producer().submit(q, aTask().withDependencies(List.of(new TaskRef(q, parent))));
    taskyard.queues().pause(q);

    String text =
        Exposition.ofQueue(
            Exposition.text(new QueueStateMetrics().metrics(Exposition.reader().read())), q);

    Exposition.assertMatchesGolden(text, "queue-state");
    assertThat(Exposition.value(text, "taskyard_queue_oldest_task_age_seconds{queue=\"QUEUE\"}"))
        .isNotNegative();
  }

  @Test
  void anEmptyQueueHasNoOldestAge() {
    taskyard.producer().submit(queue.name(), aTask().withDelay(Duration.ofHours(1)));

    String text =
        Exposition.ofQueue(
            Exposition.text(new QueueStateMetrics().metrics(Exposition.reader().read())),
            queue.name());

    assertThat(Exposition.value(text, "taskyard_queue_oldest_task_age_seconds{queue=\"QUEUE\"}"))
        .isZero();
  }
}
