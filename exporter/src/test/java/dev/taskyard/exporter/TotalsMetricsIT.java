package dev.taskyard.exporter;

import static dev.taskyard.core.testing.TaskFixtures.aTask;
import static dev.taskyard.core.testing.TaskFixtures.currentLease;

import dev.taskyard.core.Taskyard;
import dev.taskyard.core.testing.RedisQueue;
import dev.taskyard.core.testing.TestRedis;
import dev.taskyard.core.worker.TaskLeases;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TotalsMetricsIT {
  @RegisterExtension final RedisQueue queue = new RedisQueue();
  private final Taskyard taskyard = TestRedis.get().taskyard();

  @Test
  void publishesTheQueueCountersAsCounters() {
    String q = queue.name();
    String dead = runAndFail(q, 1, false); // failed, dead-lettered
    runAndFail(q, 3, true); // failed, retried
    taskyard.producer().submit(q, aTask());
    String done = taskyard.leases().claim(q, "w", 1).tasks().get(0).id();
    taskyard.leases().complete(q, List.of(new TaskLeases.Success(currentLease(q, done), null)));
    taskyard.control().cancel(q, taskyard.producer().submit(q, aTask()).id());
    taskyard.control().retry(q, dead); // replayed

    String text =
        Exposition.ofQueue(
            Exposition.text(new TotalsMetrics().metrics(Exposition.reader().read())), q);

    Exposition.assertMatchesGolden(text, "totals");
  }

  private String runAndFail(String q, int maxAttempts, boolean retryable) {
    taskyard.producer().submit(q, aTask().withMaxAttempts(maxAttempts));
    String id = taskyard.leases().claim(q, "w", 1).tasks().get(0).id();
    taskyard
        .leases()
        .fail(q, List.of(new TaskLeases.Failure(currentLease(q, id), "boom", "", retryable)));
    return id;
  }
}
