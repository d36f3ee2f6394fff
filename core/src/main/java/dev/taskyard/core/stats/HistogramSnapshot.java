package dev.taskyard.core.stats;

import java.util.List;

/**
 * A histogram read from Redis, ready for Prometheus.
 *
 * @param boundsMs bucket upper bounds in ms, ascending (the +Inf bucket is implied)
 * @param cumulativeCounts observations at or below each bound, then the total count (+Inf)
 * @param sumMs sum of all observations in ms
 */
public record HistogramSnapshot(List<Long> boundsMs, List<Long> cumulativeCounts, long sumMs) {

  public long count() {
    return cumulativeCounts.get(cumulativeCounts.size() - 1);
  }
}
