package dev.taskyard.app.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Series as {@code GET /api/queue/metrics} returns them. Values with no data in a point (no sample,
 * no finished task) are left out.
 *
 * @param step the distance between points (ISO-8601)
 * @param resolution the stored resolution read: {@code raw}, {@code hour} or {@code day}
 */
public record MetricsView(
    Instant from, Instant to, String step, String resolution, List<Series> series) {

  /** One queue's points, one per step from {@code from}. */
  public record Series(String queue, List<Point> points) {}

  /**
   * What happened in [{@code at}, {@code at} + step).
   *
   * @param throughputPerMinute finished attempts (succeeded or failed) per minute
   * @param errorRate failed attempts / finished attempts; absent when none finished
   * @param duration attempt durations, claim to outcome
   * @param waitTime time from queued to started
   * @param gauges queued, scheduled, waiting, running, workerThreads, busyThreads, workerNodes,
   *     cpuLoad (0-1, mean over the nodes serving the queue), heapUsedBytes (of those nodes)
   */
  public record Point(
      Instant at,
      long enqueued,
      long succeeded,
      long failed,
      long retried,
      long deadLettered,
      double throughputPerMinute,
      Double errorRate,
      Latency duration,
      Latency waitTime,
      Map<String, Level> gauges) {}

  /**
   * Percentiles interpolated in the histogram buckets; min and max are the bounds of the lowest and
   * highest bucket with an observation.
   */
  public record Latency(
      long count,
      Double minMs,
      Double avgMs,
      Double maxMs,
      Double p50Ms,
      Double p95Ms,
      Double p99Ms) {
    static Latency of(Histogram h) {
      return new Latency(
          h.count(),
          h.min(),
          h.mean(),
          h.max(),
          h.quantile(0.5),
          h.quantile(0.95),
          h.quantile(0.99));
    }
  }

  /** A gauge's mean and highest reading over the point's samples. */
  public record Level(double avg, double max) {}

  static Point point(MetricRow row, Duration step) {
    long succeeded = row.count(Counter.SUCCEEDED);
    long failed = row.count(Counter.FAILED);
    long finished = succeeded + failed;
    Map<String, Level> gauges = new LinkedHashMap<>();
    if (row.samples() > 0) {
      for (Gauge g : Gauge.values()) {
        gauges.put(g.field, new Level(row.mean(g), row.max(g)));
      }
    }
    return new Point(
        row.bucketStart(),
        row.count(Counter.ENQUEUED),
        succeeded,
        failed,
        row.count(Counter.RETRIED),
        row.count(Counter.DEAD_LETTERED),
        finished * 60_000.0 / step.toMillis(),
        finished == 0 ? null : (double) failed / finished,
        Latency.of(row.durations()),
        Latency.of(row.waits()),
        gauges);
  }
}
