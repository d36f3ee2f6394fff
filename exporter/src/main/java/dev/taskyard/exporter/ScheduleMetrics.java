package dev.taskyard.exporter;

import static dev.taskyard.exporter.Snapshots.gauge;
import static dev.taskyard.exporter.Snapshots.gaugePoint;

import dev.taskyard.core.schedule.Schedule;
import dev.taskyard.core.stats.QueueStatus;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Per schedule: how late its next fire is by the Redis clock (0 while not due, and while paused),
 * and whether it is paused.
 */
final class ScheduleMetrics implements ReadingMetrics {
  @Override
  public List<MetricSnapshot> metrics(Reading reading) {
    if (reading.schedules().isEmpty()) {
      return List.of();
    }
    Map<String, List<Schedule>> all = reading.schedules().get();
    List<GaugeDataPointSnapshot> lag = new ArrayList<>();
    List<GaugeDataPointSnapshot> paused = new ArrayList<>();
    for (QueueStatus q : reading.statuses()) {
      Instant now = q.at(); // the Redis clock, which decides what is due
      for (Schedule s : all.getOrDefault(q.queue(), List.of())) {
        long lateMs =
            s.nextFireAt()
                .map(next -> Math.max(0, now.toEpochMilli() - next.toEpochMilli()))
                .orElse(0L);
        lag.add(gaugePoint(Snapshots.seconds(lateMs), "queue", q.queue(), "schedule", s.name()));
        paused.add(gaugePoint(s.paused() ? 1 : 0, "queue", q.queue(), "schedule", s.name()));
      }
    }
    return List.of(
        gauge(
            "taskyard_schedule_lag_seconds",
            "How late the schedule's next fire is; 0 when not due yet.",
            lag),
        gauge("taskyard_schedule_paused", "1 when the schedule is paused.", paused));
  }
}
