package dev.taskyard.app.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Points of the metrics history for the console's charts: of one queue, or of every queue added up,
 * read in one query however many queues there are. Points are what {@code GET /api/queue/metrics}
 * gives ({@link MetricsView.Point}).
 */
@ApplicationScoped
public class ChartSeries {
  @Inject MetricsStore store;

  /**
   * The points {@code step} apart from {@code from} (inclusive) to {@code to}: of {@code queue}, or
   * of all queues together when it is null (counts, histograms and levels added up).
   */
  public List<MetricsView.Point> points(String queue, Instant from, Instant to, Duration step)
      throws SQLException {
    MetricsQuery query = new MetricsQuery(from, to, step, MetricsQuery.resolutionFor(step));
    return points(query, store.read(queue, query.resolution(), from, to));
  }

  /** The query's points from {@code rows} of any number of queues. */
  static List<MetricsView.Point> points(MetricsQuery query, List<MetricRow> rows) {
    Map<String, List<MetricRow>> byQueue = new LinkedHashMap<>();
    for (MetricRow row : rows) {
      byQueue.computeIfAbsent(row.queue(), q -> new ArrayList<>()).add(row);
    }
    List<List<MetricRow>> perQueue = new ArrayList<>();
    byQueue.forEach((queue, own) -> perQueue.add(query.points(queue, own)));
    int count = query.count();
    List<MetricsView.Point> points = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      List<MetricRow> atOnce = new ArrayList<>(perQueue.size());
      for (List<MetricRow> queuePoints : perQueue) {
        atOnce.add(queuePoints.get(i));
      }
      Instant at = query.from().plus(query.step().multipliedBy(i));
      points.add(MetricsView.point(MetricRow.combine("", at, atOnce), query.step()));
    }
    return points;
  }
}
