package dev.taskyard.core.stats;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Upper bounds, in ms, of the duration and wait-time histogram buckets the scripts keep in Redis
 * (plus +Inf): from a no-op task to an hour-long one.
 */
public final class HistogramBuckets {
  public static final List<Long> BOUNDS_MS =
      List.of(
          1L,
          5L,
          10L,
          25L,
          50L,
          100L,
          250L,
          500L,
          1_000L,
          2_500L,
          5_000L,
          10_000L,
          30_000L,
          60_000L,
          300_000L,
          600_000L,
          1_800_000L,
          3_600_000L);

  private HistogramBuckets() {}

  /** {@code {1,5,...}} for common.lua. */
  public static String asLuaTable() {
    return BOUNDS_MS.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
  }
}
