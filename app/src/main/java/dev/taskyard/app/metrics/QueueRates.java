package dev.taskyard.app.metrics;

/** A queue's outcomes per minute over the last minute of samples. */
public record QueueRates(double succeededPerMinute, double failedPerMinute) {

  /** {@code succeeded} and {@code failed} in samples covering {@code intervalMs}. */
  static QueueRates of(long succeeded, long failed, long intervalMs) {
    double minutes = intervalMs / 60_000.0;
    return minutes <= 0
        ? new QueueRates(0, 0)
        : new QueueRates(succeeded / minutes, failed / minutes);
  }
}
