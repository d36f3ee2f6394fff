package dev.taskyard.app.tasks;

import dev.taskyard.app.history.TaskInsights;
import dev.taskyard.app.queues.DashboardRange;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The dashboard's breakdown and top errors over its long ranges (6 hours and more), kept for a
 * 120th of the range (3 minutes for 6 hours, 12 for a day, 6 hours for 30 days): reading them walks
 * every task of the range, seconds with a million, while what a few minutes add to a day changes
 * little. One reading at a time per range and queue: people opening the same dashboard wait for the
 * one reading rather than each starting their own. Shorter ranges are read each time.
 */
@ApplicationScoped
public class InsightsCache {
  static final Duration SHORTEST_KEPT = DashboardRange.HOURS_6.length();

  private record Key(DashboardRange range, Optional<String> queue) {}

  private final Map<Key, TaskInsights> kept = new ConcurrentHashMap<>();

  /** The insights of {@code range} and {@code queue}: kept ones if fresh, else {@code read}'s. */
  TaskInsights get(
      DashboardRange range, Optional<String> queue, Instant now, Supplier<TaskInsights> read) {
    if (range.length().compareTo(SHORTEST_KEPT) < 0) {
      return read.get();
    }
    Duration keep = range.length().dividedBy(120);
    // compute() holds the key while it reads: a second caller waits for the first reading.
    return kept.compute(
        new Key(range, queue),
        (key, old) -> old != null && old.to().plus(keep).isAfter(now) ? old : read.get());
  }
}
