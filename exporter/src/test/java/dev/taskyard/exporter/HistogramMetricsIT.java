package dev.taskyard.exporter;

import dev.taskyard.core.control.QueueSettings;
import dev.taskyard.core.testing.RedisQueue;
import dev.taskyard.core.testing.TestRedis;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.client.codec.StringCodec;

/**
 * The bucket counters are written as the scripts write them (one non-cumulative count per upper
 * bound in ms, and the sum), so that the exposition is exact; core's tests prove the scripts fill
 * them.
 */
class HistogramMetricsIT {
  @RegisterExtension final RedisQueue queue = new RedisQueue();

  @Test
  void publishesDurationsAndWaitTimesAsCumulativeHistogramsInSeconds() {
    TestRedis.get().taskyard().queues().configure(queue.name(), QueueSettings.defaults());
    buckets(
        queue.keys().durationHistogram(), Map.of("5", "2", "1000", "1", "+Inf", "1"), 7_203_010);
    buckets(queue.keys().waitHistogram(), Map.of("1", "3"), 2);

    String text =
        Exposition.ofQueue(
            Exposition.text(new HistogramMetrics().metrics(Exposition.reader().read())),
            queue.name());

    Exposition.assertMatchesGolden(text, "histograms");
  }

  private static void buckets(String key, Map<String, String> counts, long sumMs) {
    var hash = TestRedis.get().redisson().<String, String>getMap(key, StringCodec.INSTANCE);
    hash.putAll(counts);
    hash.put("sum", Long.toString(sumMs));
  }
}
