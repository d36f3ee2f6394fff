package dev.taskyard.exporter;

import static org.awaitility.Awaitility.await;

import dev.taskyard.core.testing.RedisQueue;
import dev.taskyard.core.testing.TaskFixtures;
import dev.taskyard.core.testing.TestRedis;
import dev.taskyard.core.worker.WorkerPool;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WorkerMetricsIT {
  @RegisterExtension final RedisQueue served = new RedisQueue();
  @RegisterExtension final RedisQueue unserved = new RedisQueue();

  @Test
  void publishesLiveNodesAndTheThreadsServingEachQueue() {
    TestRedis.get().taskyard().producer().submit(unserved.name(), TaskFixtures.aTask());
    try (WorkerPool pool =
        TestRedis.get()
            .taskyard()
            .workerPool()
            .queue(served.name(), 3)
            .handler(TaskFixtures.NOOP, task -> null)
            .start()) {
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () -> Exposition.assertMatchesGolden(text(served.name()), "workers-served"));
      Exposition.assertMatchesGolden(text(unserved.name()), "workers-unserved");
    }
  }

  private static String text(String queue) {
    return Exposition.ofQueue(
        Exposition.text(new WorkerMetrics().metrics(Exposition.reader().read())), queue);
  }
}
