package dev.taskyard.exporter;

import static dev.taskyard.exporter.Snapshots.perQueueGauge;

import dev.taskyard.core.control.QueueSettings;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;
import java.util.Map;

/**
 * The queues' alert thresholds and lease timeout from their settings in Redis: the same numbers the
 * app's own alerts judge, so the Prometheus rules compare against these gauges and one change moves
 * both. 0 means no limit.
 */
final class ThresholdMetrics implements ReadingMetrics {
  @Override
  public List<MetricSnapshot> metrics(Reading reading) {
    if (reading.settings().isEmpty()) {
      return List.of();
    }
    List<Map.Entry<String, QueueSettings>> rows = reading.perQueue(reading.settings().get());
    return List.of(
        perQueueGauge(
            "taskyard_queue_threshold_max_queued",
            "Most tasks queued before the backlog counts as too long; 0 = no limit.",
            rows,
            Map.Entry::getKey,
            r -> r.getValue().thresholds().maxQueued()),
        perQueueGauge(
            "taskyard_queue_threshold_max_oldest_age_seconds",
            "Longest the oldest queued task may wait; 0 = no limit.",
            rows,
            Map.Entry::getKey,
            r -> Snapshots.seconds(r.getValue().thresholds().maxOldestAge().toMillis())),
        perQueueGauge(
            "taskyard_queue_threshold_max_failure_ratio",
            "Highest share of failed attempts among finished ones; 0 = no limit.",
            rows,
            Map.Entry::getKey,
            r -> r.getValue().thresholds().maxFailureRatio()),
        perQueueGauge(
            "taskyard_queue_timeout_seconds",
            "Lease timeout of the queue's tasks: a worker silent this long loses the task.",
            rows,
            Map.Entry::getKey,
            r -> Snapshots.seconds(r.getValue().timeout().toMillis())));
  }
}
