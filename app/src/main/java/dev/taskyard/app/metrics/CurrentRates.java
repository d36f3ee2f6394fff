package dev.taskyard.app.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Every queue's rates over the last minute, from the stored samples: one indexed query, kept for a
 * second, since samples are seconds apart and status pages are read far more often than that.
 */
@ApplicationScoped
public class CurrentRates {
  static final Duration WINDOW = Duration.ofMinutes(1);
  private static final Duration FRESH = Duration.ofSeconds(1);

  private record Read(Instant at, Map<String, QueueRates> rates) {}

  @Inject MetricsStore store;

  private volatile Read last = new Read(Instant.EPOCH, Map.of());

  /** Rates by queue; empty while PostgreSQL is away or before the first samples. */
  public Map<String, QueueRates> lastMinute() {
    Instant now = Instant.now();
    Read read = last;
    if (read.at().plus(FRESH).isAfter(now)) {
      return read.rates();
    }
    try {
      read = new Read(now, store.rates(now.minus(WINDOW)));
    } catch (SQLException e) {
      // Declared by JDBC; the store's fallback already answers for PostgreSQL being away.
      read = new Read(now, Map.of());
    }
    last = read;
    return read.rates();
  }
}
