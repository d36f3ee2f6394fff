package dev.taskyard.app.metrics;

/** A queue's outcomes per minute over the last minute of samples. */
public record QueueRates(double succeededPerMinute, double failedPerMinute) {

  static QueueRates of(MetricRow samples) {
    double minutes = samples.intervalMs() / 60_000.0;
    return minutes <= 0
        ? new QueueRates(0, 0)
        : new QueueRates(
            samples.count(Counter.SUCCEEDED) / minutes, samples.count(Counter.FAILED) / minutes);
  }
}
