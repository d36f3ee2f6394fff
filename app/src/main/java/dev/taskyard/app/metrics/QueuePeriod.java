package dev.taskyard.app.metrics;

import java.util.List;

/**
 * What happened to one queue over a period, from its stored metrics: the daily report's figures.
 *
 * @param succeeded attempts that succeeded
 * @param failed attempts that failed (each then retried or dead-lettered)
 * @param deadLettered tasks that ended in the dead letters
 * @param p95DurationMs 95th percentile of the attempts' durations; null when none finished
 * @param mostQueued the highest queued count a sample read
 */
public record QueuePeriod(
    String queue,
    long succeeded,
    long failed,
    long deadLettered,
    Double p95DurationMs,
    long mostQueued) {

  /** The period's rows of one queue, merged. */
  static QueuePeriod of(String queue, List<MetricRow> rows) {
    MetricRow merged = MetricRow.merge(queue, Resolution.HOUR, rows.get(0).bucketStart(), rows);
    return new QueuePeriod(
        queue,
        merged.counters()[Counter.SUCCEEDED.ordinal()],
        merged.counters()[Counter.FAILED.ordinal()],
        merged.counters()[Counter.DEAD_LETTERED.ordinal()],
        merged.durations().quantile(0.95),
        (long) merged.gaugeMaxes()[Gauge.QUEUED.ordinal()]);
  }
}
