package dev.taskyard.exporter;

import dev.taskyard.core.control.BacklogThresholds;
import dev.taskyard.core.control.QueueSettings;
import dev.taskyard.core.testing.RedisQueue;
import dev.taskyard.core.testing.TestRedis;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ThresholdMetricsIT {
  @RegisterExtension final RedisQueue queue = new RedisQueue();

  @Test
  void publishesTheQueueSettingsThresholdsAndTimeout() {
    TestRedis.get()
        .taskyard()
        .queues()
        .configure(
            queue.name(),
            QueueSettings.defaults()
                .withTimeout(Duration.ofSeconds(90))
                .withThresholds(
                    new BacklogThresholds(
                        500, Duration.ofMinutes(10), 0.25, Duration.ofMinutes(5))));

    String text =
        Exposition.ofQueue(
            Exposition.text(new ThresholdMetrics().metrics(Exposition.reader().read())),
            queue.name());

    Exposition.assertMatchesGolden(text, "thresholds");
  }

  @Test
  void aQueueWithoutThresholdsPublishesZeroForNoLimit() {
    TestRedis.get().taskyard().queues().configure(queue.name(), QueueSettings.defaults());

    String text =
        Exposition.ofQueue(
            Exposition.text(new ThresholdMetrics().metrics(Exposition.reader().read())),
            queue.name());

    Exposition.assertMatchesGolden(text, "thresholds-none");
  }
}
