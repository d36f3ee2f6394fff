package dev.taskyard.app.reports;

import dev.taskyard.app.alerts.Alert;
import dev.taskyard.app.alerts.AlertStore;
import dev.taskyard.app.metrics.MetricsStore;
import dev.taskyard.app.metrics.QueuePeriod;
import dev.taskyard.app.queues.QueueStore;
import dev.taskyard.core.stats.QueueStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Makes a day's {@link DailySummary} from the metrics history (the hourly rollups of the hours that
 * start in the day), the alerts raised in it, and each queue's backlog now.
 */
@ApplicationScoped
public class DailySummaries {
  @Inject ReportSettings settings;
  @Inject MetricsStore metrics;
  @Inject AlertStore alerts;
  @Inject QueueStore queues;

  /** The day in the reports' time zone that ended last. */
  public LocalDate yesterday(Instant now) {
    return LocalDate.ofInstant(now, settings.zone()).minusDays(1);
  }

  public DailySummary of(LocalDate day) throws SQLException {
    ZoneId zone = settings.zone();
    Instant from = day.atStartOfDay(zone).toInstant();
    Instant to = day.plusDays(1).atStartOfDay(zone).toInstant();
    Map<String, QueuePeriod> periods =
        metrics.periods(from, to).stream()
            .collect(Collectors.toMap(QueuePeriod::queue, Function.identity()));
    List<Alert> raised = alerts.raisedBetween(from, to);
    Map<String, List<DailySummary.RaisedAlert>> byQueue =
        raised.stream()
            .filter(a -> a.queue() != null)
            .collect(
                Collectors.groupingBy(
                    Alert::queue, Collectors.mapping(DailySummaries::raised, Collectors.toList())));
    // A queue with alerts but no metrics in the day (deleted since, say) is listed too.
    SortedSet<String> names = new TreeSet<>(periods.keySet());
    names.addAll(byQueue.keySet());
    Map<String, QueueStatus> now =
        queues.statuses(List.copyOf(names)).stream()
            .collect(Collectors.toMap(QueueStatus::queue, Function.identity()));
    List<DailySummary.QueueDay> days =
        names.stream()
            .map(
                queue -> {
                  QueuePeriod p =
                      periods.getOrDefault(queue, new QueuePeriod(queue, 0, 0, 0, null, 0));
                  QueueStatus status = now.get(queue);
                  return new DailySummary.QueueDay(
                      queue,
                      p.succeeded(),
                      p.failed(),
                      p.deadLettered(),
                      p.p95DurationMs(),
                      p.mostQueued(),
                      status == null ? null : status.queued(),
                      byQueue.getOrDefault(queue, List.of()));
                })
            .toList();
    List<DailySummary.RaisedAlert> nodeAlerts =
        raised.stream().filter(a -> a.queue() == null).map(DailySummaries::raised).toList();
    return new DailySummary(day, zone.getId(), from, to, days, nodeAlerts);
  }

  private static DailySummary.RaisedAlert raised(Alert alert) {
    return new DailySummary.RaisedAlert(
        alert.kind().name(), alert.subject(), alert.raisedAt(), alert.message());
  }
}
