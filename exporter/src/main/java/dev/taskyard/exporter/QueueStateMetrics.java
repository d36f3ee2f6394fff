package dev.taskyard.exporter;

import static dev.taskyard.exporter.Snapshots.gauge;
import static dev.taskyard.exporter.Snapshots.gaugePoint;
import static dev.taskyard.exporter.Snapshots.perQueueGauge;

import dev.taskyard.core.stats.QueueStatus;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Tasks in each live state, the oldest queued task's age and the paused flag, per queue. */
final class QueueStateMetrics implements ReadingMetrics {
  @Override
  public List<MetricSnapshot> metrics(Reading reading) {
    List<QueueStatus> statuses = reading.statuses();
    List<GaugeDataPointSnapshot> tasks = new ArrayList<>();
    for (QueueStatus s : statuses) {
      tasks.add(gaugePoint(s.queued(), "queue", s.queue(), "state", "queued"));
      tasks.add(gaugePoint(s.scheduled(), "queue", s.queue(), "state", "scheduled"));
      tasks.add(gaugePoint(s.waiting(), "queue", s.queue(), "state", "waiting"));
      tasks.add(gaugePoint(s.running(), "queue", s.queue(), "state", "running"));
      tasks.add(gaugePoint(s.dead(), "queue", s.queue(), "state", "dead"));
    }
    return List.of(
        gauge("taskyard_tasks", "Tasks in each live state.", tasks),
        perQueueGauge(
            "taskyard_queue_oldest_task_age_seconds",
            "Age of the oldest queued task, 0 when none is queued.",
            statuses,
            QueueStatus::queue,
            s -> Snapshots.seconds(s.oldestQueuedAge().map(Duration::toMillis).orElse(0L))),
        perQueueGauge(
            "taskyard_queue_paused",
            "1 when the queue is paused.",
            statuses,
            QueueStatus::queue,
            s -> s.paused() ? 1 : 0));
  }
}
