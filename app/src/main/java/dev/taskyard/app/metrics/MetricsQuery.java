package dev.taskyard.app.metrics;

import dev.taskyard.app.platform.BadParameterException;
import dev.taskyard.app.platform.InstantParameter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A checked request for series: points {@code step} apart from {@code from} (inclusive) to {@code
 * to} (exclusive), read from {@code resolution}.
 */
record MetricsQuery(Instant from, Instant to, Duration step, Resolution resolution) {
  private static final Pattern SHORT_STEP = Pattern.compile("(\\d{1,9})([smhd])");

  /** The step of raw points when none is asked for. */
  static final Duration RAW_STEP = Duration.ofMinutes(1);

  /**
   * Parses and checks the parameters; {@code to} defaults to {@code now}. Without a {@code step},
   * the finest resolution that still holds data at {@code from} (its {@code retention}) and gives
   * at most {@code maxPoints} points: one-minute points of raw samples, hour points, day points, or
   * points of several days for ranges longer than {@code maxPoints} days.
   *
   * @throws BadParameterException naming the first parameter that is missing or wrong
   */
  static MetricsQuery parse(
      String from,
      String to,
      String step,
      Instant now,
      int maxPoints,
      Map<Resolution, Duration> retention) {
    Instant start = instant("from", from);
    Instant end = to == null || to.isBlank() ? now : instant("to", to);
    if (!start.isBefore(end)) {
      throw new BadParameterException("from", "must be before to");
    }
    Duration range = Duration.between(start, end);
    if (step == null || step.isBlank()) {
      return fitted(start, end, now, maxPoints, retention);
    }
    Duration width = parseStep(step);
    long points = ceilDiv(range.toMillis(), width.toMillis());
    if (points > maxPoints) {
      throw new BadParameterException(
          "step",
          "gives "
              + points
              + " points from from to to; at most "
              + maxPoints
              + ": take a wider step, or leave step out to have one chosen");
    }
    return new MetricsQuery(start, end, width, resolutionFor(width));
  }

  private static MetricsQuery fitted(
      Instant start, Instant end, Instant now, int maxPoints, Map<Resolution, Duration> retention) {
    long rangeMs = Duration.between(start, end).toMillis();
    for (Resolution r : Resolution.values()) {
      Duration width = r == Resolution.RAW ? RAW_STEP : r.width;
      boolean kept = !start.isBefore(now.minus(retention.get(r)));
      if (kept && ceilDiv(rangeMs, width.toMillis()) <= maxPoints) {
        return new MetricsQuery(start, end, width, r);
      }
    }
    long days = ceilDiv(rangeMs, Resolution.DAY.width.toMillis() * maxPoints);
    return new MetricsQuery(start, end, Duration.ofDays(Math.max(1, days)), Resolution.DAY);
  }

  /** {@code 30s}, {@code 1m}, {@code 1h}, {@code 1d} or an ISO-8601 duration ({@code PT5M}). */
  static Duration parseStep(String text) {
    Duration step;
    Matcher m = SHORT_STEP.matcher(text.trim());
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      step =
          switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
          };
    } else {
      try {
        step = Duration.parse(text.trim().toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw new BadParameterException(
            "step", "must be like 30s, 1m, 1h, 1d or an ISO-8601 duration such as PT5M");
      }
    }
    if (step.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new BadParameterException("step", "must be at least one second");
    }
    return step;
  }

  /**
   * The coarsest resolution no coarser than {@code step}: the fewest rows that still give every
   * point its own data. The current hour and day are as fresh as the last rollup.
   */
  static Resolution resolutionFor(Duration step) {
    Resolution chosen = Resolution.RAW;
    for (Resolution r : Resolution.values()) {
      if (r.width.compareTo(step) <= 0) {
        chosen = r;
      }
    }
    return chosen;
  }

  /**
   * One point per step from {@code from}, each the merge of the rows that start inside it; points
   * without rows hold no samples.
   */
  List<MetricRow> points(String queue, List<MetricRow> rows) {
    int count = count();
    List<List<MetricRow>> buckets = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      buckets.add(new ArrayList<>());
    }
    for (MetricRow row : rows) {
      long offset = Duration.between(from, row.bucketStart()).toMillis();
      if (offset >= 0 && row.bucketStart().isBefore(to)) {
        buckets.get((int) (offset / step.toMillis())).add(row);
      }
    }
    List<MetricRow> points = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      points.add(
          MetricRow.merge(queue, resolution, from.plus(step.multipliedBy(i)), buckets.get(i)));
    }
    return points;
  }

  /** How many points the query gives. */
  int count() {
    return (int) ceilDiv(Duration.between(from, to).toMillis(), step.toMillis());
  }

  private static Instant instant(String name, String text) {
    if (text == null || text.isBlank()) {
      throw new BadParameterException(name, "is required (an ISO-8601 instant)");
    }
    return InstantParameter.parse(name, text.trim());
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }
}
