package dev.taskyard.exporter;

import static dev.taskyard.exporter.Snapshots.perQueueCounter;
import static dev.taskyard.exporter.Snapshots.perQueueGauge;

import dev.taskyard.core.events.ArchiveBacklog;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;
import java.util.Map;

/**
 * How far the PostgreSQL history is behind each queue's event stream, and what it could not keep.
 */
final class ArchiveMetrics implements ReadingMetrics {
  @Override
  public List<MetricSnapshot> metrics(Reading reading) {
    if (reading.archive().isEmpty()) {
      return List.of();
    }
    List<Map.Entry<String, ArchiveBacklog.Lag>> rows = reading.perQueue(reading.archive().get());
    return List.of(
        perQueueGauge(
            "taskyard_archive_pending",
            "History stream entries not yet archived to PostgreSQL.",
            rows,
            Map.Entry::getKey,
            r -> r.getValue().pending()),
        perQueueGauge(
            "taskyard_archive_oldest_pending_age_seconds",
            "Age of the oldest entry not yet archived, 0 when none is pending.",
            rows,
            Map.Entry::getKey,
            r ->
                r.getValue().oldestAgeMs() == null
                    ? 0
                    : Snapshots.seconds(r.getValue().oldestAgeMs())),
        perQueueCounter(
            "taskyard_archive_quarantined",
            "History entries set aside because they could not be archived.",
            rows,
            Map.Entry::getKey,
            r -> r.getValue().quarantined()),
        perQueueCounter(
            "taskyard_archive_dropped",
            "History entries trimmed from the stream before they were archived.",
            rows,
            Map.Entry::getKey,
            r -> r.getValue().dropped()));
  }
}
