package dev.taskyard.app.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Every queue's rates over the last minute, from the stored samples: one indexed query. */
@ApplicationScoped
public class CurrentRates {
  static final Duration WINDOW = Duration.ofMinutes(1);

  @Inject MetricsStore store;

  /** Rates by queue; empty while PostgreSQL is away or before the first samples. */
  public Map<String, QueueRates> lastMinute() {
    try {
      return store.rates(Instant.now().minus(WINDOW));
    } catch (SQLException e) {
      // Declared by JDBC; the store's fallback already answers for PostgreSQL being away.
      return Map.of();
    }
  }
}
