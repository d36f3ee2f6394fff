package dev.taskyard.app.queues;

import java.util.Locale;

/**
 * A card's figures of the day from cumulative totals: what a queue did since its totals at the
 * start of the reader's day. {@code console.js} works them out the same way from the live counts.
 */
final class DayOutcomes {
  private DayOutcomes() {}

  /** Tasks done since the day started; never negative (counters reset when a queue is deleted). */
  static long done(long total, long atDayStart) {
    return Math.max(0, total - atDayStart);
  }

  /** Succeeded of finished attempts today, as {@code 97.5 %}; a dash when none finished. */
  static String successRate(long succeeded, long failed) {
    long s = Math.max(0, succeeded);
    long finished = s + Math.max(0, failed);
    return finished == 0 ? "–" : String.format(Locale.ROOT, "%.1f %%", 100.0 * s / finished);
  }
}
