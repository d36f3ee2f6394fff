package dev.taskyard.app.metrics;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** How finely a {@code queue_metrics} row is stored: one sample, or an hour or day of them. */
enum Resolution {
  RAW("raw", Duration.ZERO),
  HOUR("hour", Duration.ofHours(1)),
  DAY("day", Duration.ofDays(1));

  /** The value of the {@code resolution} column. */
  final String column;

  /** The time one row covers; zero for samples, whose spacing is the sample step. */
  final Duration width;

  Resolution(String column, Duration width) {
    this.column = column;
    this.width = width;
  }

  /** The start of the row, at this resolution, that {@code time} falls in (UTC). */
  Instant truncate(Instant time) {
    return switch (this) {
      case RAW -> time;
      case HOUR -> time.truncatedTo(ChronoUnit.HOURS);
      case DAY -> time.truncatedTo(ChronoUnit.DAYS);
    };
  }

  /** The resolution this one is rolled up from. */
  Resolution source() {
    return switch (this) {
      case RAW -> throw new IllegalStateException("samples are not rolled up");
      case HOUR -> RAW;
      case DAY -> HOUR;
    };
  }
}
