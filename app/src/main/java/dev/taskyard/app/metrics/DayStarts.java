package dev.taskyard.app.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each queue's succeeded and failed totals at the start of a day ({@link MetricsStore#totalsAt}),
 * kept once read: they do not change, and reading them sums a day of samples of every queue. A
 * queue made since has none, so its day counts from zero. Starts of days more than two days old are
 * forgotten.
 */
@ApplicationScoped
public class DayStarts {
  private static final Duration KEPT = Duration.ofDays(2);

  @Inject MetricsStore store;

  private final Map<Instant, Map<String, Outcomes>> read = new ConcurrentHashMap<>();

  /** The totals at {@code midnight} by queue. */
  public Map<String, Outcomes> at(Instant midnight) throws SQLException {
    Map<String, Outcomes> totals = read.get(midnight);
    if (totals == null) {
      totals = Map.copyOf(store.totalsAt(midnight));
      read.keySet().removeIf(start -> start.isBefore(midnight.minus(KEPT)));
      read.put(midnight, totals);
    }
    return totals;
  }
}
