package dev.taskyard.app.history;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A week of the task history (Monday 00:00 UTC to the next), whose tasks, by creation time, one
 * partition of {@code task_history} holds: {@code task_history_<yyyyMMdd of the Monday>}, as {@code
 * task_history_add_week} in {@code V14__task_history_weekly_partitions.sql} names it.
 */
public record HistoryWeek(LocalDate monday) {
  private static final Pattern PARTITION = Pattern.compile("task_history_(\\d{8})");
  private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

  public HistoryWeek {
    if (monday.getDayOfWeek() != DayOfWeek.MONDAY) {
      throw new IllegalArgumentException("A history week starts on a Monday, not " + monday);
    }
  }

  /** The week {@code time} falls in. */
  static HistoryWeek of(Instant time) {
    return new HistoryWeek(
        LocalDate.ofInstant(time, ZoneOffset.UTC)
            .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
  }

  /** The week a partition of that name holds; empty for any other table. */
  static Optional<HistoryWeek> ofPartition(String table) {
    Matcher m = PARTITION.matcher(table);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      LocalDate day = LocalDate.parse(m.group(1), DAY);
      return day.getDayOfWeek() == DayOfWeek.MONDAY
          ? Optional.of(new HistoryWeek(day))
          : Optional.empty();
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  String partition() {
    return "task_history_" + monday.format(DAY);
  }

  Instant start() {
    return monday.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** The start of the next week: the partition's upper bound, exclusive. */
  Instant end() {
    return next().start();
  }

  HistoryWeek next() {
    return new HistoryWeek(monday.plusWeeks(1));
  }

  /** Its Monday, as logs show it. */
  @Override
  public String toString() {
    return monday.toString();
  }
}
