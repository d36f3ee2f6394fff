package dev.taskyard.app.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * One row of {@code queue_metrics}: what happened to a queue in an interval. Samples, rollups and
 * the points of a query are all merges of rows, so their arithmetic lives here only.
 *
 * @param intervalMs the time the row's counts cover
 * @param samples how many samples the row merges (gauge means are {@code gaugeSums / samples})
 * @param counters counts in the interval, in {@link Counter} order
 * @param gaugeSums sums of the samples' gauges, in {@link Gauge} order
 * @param gaugeMaxes highest reading of each gauge
 */
record MetricRow(
    String queue,
    Resolution resolution,
    Instant bucketStart,
    long intervalMs,
    int samples,
    long[] counters,
    double[] gaugeSums,
    double[] gaugeMaxes,
    Histogram durations,
    Histogram waits) {

  /** A queue's cumulative totals at its last stored sample. */
  record Cursor(Instant at, long[] counters, Histogram durations, Histogram waits) {
    static Cursor of(QueueReading reading) {
      return new Cursor(reading.at(), reading.counters(), reading.durations(), reading.waits());
    }
  }

  /**
   * The sample row of {@code reading}: the counts since {@code previous} (null for a queue never
   * sampled, whose counts since creation all go to its first sample). Counters that went down were
   * reset, and count from zero.
   *
   * @param step the sample step, taken as the interval of a first sample
   */
  static MetricRow sample(QueueReading reading, Cursor previous, Duration step) {
    long[] counters = reading.counters().clone();
    Histogram durations = reading.durations();
    Histogram waits = reading.waits();
    long intervalMs = step.toMillis();
    if (previous != null) {
      counters = since(counters, previous.counters());
      durations = durations.since(previous.durations());
      waits = waits.since(previous.waits());
      intervalMs = Math.max(0, Duration.between(previous.at(), reading.at()).toMillis());
    }
    return new MetricRow(
        reading.queue(),
        Resolution.RAW,
        reading.at(),
        intervalMs,
        1,
        counters,
        reading.gauges().clone(),
        reading.gauges().clone(),
        durations,
        waits);
  }

  /** {@code rows} merged into one row of {@code resolution} starting at {@code bucketStart}. */
  static MetricRow merge(
      String queue, Resolution resolution, Instant bucketStart, List<MetricRow> rows) {
    long intervalMs = 0;
    int samples = 0;
    long[] counters = new long[Counter.values().length];
    double[] sums = new double[Gauge.values().length];
    double[] maxes = new double[Gauge.values().length];
    Arrays.fill(maxes, Double.NEGATIVE_INFINITY);
    Histogram durations = Histogram.empty();
    Histogram waits = Histogram.empty();
    for (MetricRow row : rows) {
      intervalMs += row.intervalMs;
      samples += row.samples;
      for (int i = 0; i < counters.length; i++) {
        counters[i] += row.counters[i];
      }
      for (int i = 0; i < sums.length; i++) {
        sums[i] += row.gaugeSums[i];
        maxes[i] = Math.max(maxes[i], row.gaugeMaxes[i]);
      }
      durations = durations.plus(row.durations);
      waits = waits.plus(row.waits);
    }
    if (rows.isEmpty()) {
      Arrays.fill(maxes, 0);
    }
    return new MetricRow(
        queue,
        resolution,
        bucketStart,
        intervalMs,
        samples,
        counters,
        sums,
        maxes,
        durations,
        waits);
  }

  /**
   * The sample rows of several queues taken at once as one sample of them all, named {@code label}
   * and at the latest of their times: counts and histograms add up, and so do the levels (each
   * queue's mean and highest reading), so the depth of all queues is the sum of theirs.
   */
  static MetricRow combine(String label, List<MetricRow> rows) {
    Instant at = rows.stream().map(MetricRow::bucketStart).max(Instant::compareTo).orElseThrow();
    MetricRow all = merge(label, Resolution.RAW, at, rows);
    double[] sums = new double[Gauge.values().length];
    double[] maxes = new double[Gauge.values().length];
    for (MetricRow row : rows) {
      for (int i = 0; i < sums.length; i++) {
        sums[i] += row.gaugeSums[i] / row.samples;
        maxes[i] += row.gaugeMaxes[i];
      }
    }
    return new MetricRow(
        label,
        Resolution.RAW,
        at,
        rows.stream().mapToLong(MetricRow::intervalMs).max().orElseThrow(),
        1,
        all.counters,
        sums,
        maxes,
        all.durations,
        all.waits);
  }

  long count(Counter counter) {
    return counters[counter.ordinal()];
  }

  /** The mean reading of {@code gauge}; null when the row holds no sample. */
  Double mean(Gauge gauge) {
    return samples == 0 ? null : gaugeSums[gauge.ordinal()] / samples;
  }

  /** The highest reading of {@code gauge}; null when the row holds no sample. */
  Double max(Gauge gauge) {
    return samples == 0 ? null : gaugeMaxes[gauge.ordinal()];
  }

  private static long[] since(long[] now, long[] before) {
    long[] delta = new long[now.length];
    for (int i = 0; i < now.length; i++) {
      delta[i] = now[i] - before[i];
      if (delta[i] < 0) {
        return now.clone();
      }
    }
    return delta;
  }
}
