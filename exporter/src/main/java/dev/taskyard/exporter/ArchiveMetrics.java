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
  private record Row(String queue, ArchiveBacklog.Lag lag) {}

  @Override
  public List<MetricSnapshot> metrics(Reading reading) {
    if (reading.archive().isEmpty()) {
      return List.of();
    }
    Map<String, ArchiveBacklog.Lag> all = reading.archive().get();
    List<Row> rows =
        reading.statuses().stream()
            .filter(s -> all.containsKey(s.queue()))
            .map(s -> new Row(s.queue(), all.get(s.queue())))
            .toList();
    return List.of(
        perQueueGauge(
            "taskyard_archive_pending",
            "History stream entries not yet archived to PostgreSQL.",
            rows,
            Row::queue,
            r -> r.lag().pending()),
        perQueueGauge(
            "taskyard_archive_oldest_pending_age_seconds",
            "Age of the oldest entry not yet archived, 0 when none is pending.",
            rows,
            Row::queue,
            r -> r.lag().oldestAgeMs() == null ? 0 : Snapshots.seconds(r.lag().oldestAgeMs())),
        perQueueCounter(
            "taskyard_archive_quarantined",
            "History entries set aside because they could not be archived.",
            rows,
            Row::queue,
            r -> r.lag().quarantined()),
        perQueueCounter(
            "taskyard_archive_dropped",
            "History entries trimmed from the stream before they were archived.",
            rows,
            Row::queue,
            r -> r.lag().dropped()));
  }
}
