package dev.taskyard.app.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Points of the metrics history for the console's charts: of one queue, or of all queues together
 * ({@link MetricsStore#ALL_QUEUES}, stored with each sample, so one series is read however many
 * queues there are). Points are what {@code GET /api/queue/metrics} gives ({@link
 * MetricsView.Point}).
 */
@ApplicationScoped
public class ChartSeries {
  @Inject MetricsStore store;

  /**
   * The points {@code step} apart from {@code from} (inclusive) to {@code to}: of {@code queue}, or
   * of all queues together when it is null.
   */
  public List<MetricsView.Point> points(String queue, Instant from, Instant to, Duration step)
      throws SQLException {
    String series = queue == null ? MetricsStore.ALL_QUEUES : queue;
    MetricsQuery query = new MetricsQuery(from, to, step, MetricsQuery.resolutionFor(step));
    return query.points(series, store.read(series, query.resolution(), from, to)).stream()
        .map(row -> MetricsView.point(row, step))
        .toList();
  }
}
