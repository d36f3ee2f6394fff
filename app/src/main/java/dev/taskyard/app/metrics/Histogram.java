package dev.taskyard.app.metrics;

import dev.taskyard.core.stats.HistogramBuckets;
import dev.taskyard.core.stats.HistogramSnapshot;
import java.util.Arrays;
import java.util.List;

/**
 * Counts per histogram bucket (bounds as {@link HistogramBuckets}, then +Inf) and the sum of the
 * observations, in ms. Per-bucket rather than cumulative counts, so intervals add up by plain
 * addition and any range and resolution yields its own percentiles.
 */
record Histogram(long[] counts, long sumMs) {
  static final List<Long> BOUNDS_MS = HistogramBuckets.BOUNDS_MS;
  static final int SIZE = BOUNDS_MS.size() + 1;

  Histogram {
    if (counts.length != SIZE) {
      throw new IllegalArgumentException("expected " + SIZE + " buckets, got " + counts.length);
    }
  }

  static Histogram empty() {
    return new Histogram(new long[SIZE], 0);
  }

  /** The per-bucket counts of a cumulative snapshot read from Redis. */
  static Histogram of(HistogramSnapshot snapshot) {
    List<Long> cumulative = snapshot.cumulativeCounts();
    long[] counts = new long[SIZE];
    long previous = 0;
    for (int i = 0; i < SIZE; i++) {
      counts[i] = cumulative.get(i) - previous;
      previous = cumulative.get(i);
    }
    return new Histogram(counts, snapshot.sumMs());
  }

  long count() {
    return Arrays.stream(counts).sum();
  }

  Histogram plus(Histogram other) {
    long[] sum = counts.clone();
    for (int i = 0; i < SIZE; i++) {
      sum[i] += other.counts[i];
    }
    return new Histogram(sum, sumMs + other.sumMs);
  }

  /**
   * The observations since {@code earlier}, a reading of the same cumulative histogram. A bucket
   * that went down means the counters were reset (the queue's keys deleted): all counts are new.
   */
  Histogram since(Histogram earlier) {
    long[] delta = new long[SIZE];
    for (int i = 0; i < SIZE; i++) {
      delta[i] = counts[i] - earlier.counts[i];
      if (delta[i] < 0) {
        return this;
      }
    }
    return new Histogram(delta, Math.max(0, sumMs - earlier.sumMs));
  }

  /**
   * The {@code q}-quantile (0-1) in ms, interpolated linearly inside its bucket as Prometheus'
   * {@code histogram_quantile} does; the +Inf bucket answers its lower bound. Null when empty.
   */
  Double quantile(double q) {
    long total = count();
    if (total == 0) {
      return null;
    }
    double rank = q * total;
    long before = 0;
    for (int i = 0; i < SIZE; i++) {
      long inBucket = counts[i];
      if (inBucket > 0 && before + inBucket >= rank) {
        double lower = lowerBound(i);
        if (i == SIZE - 1) {
          return lower;
        }
        double upper = BOUNDS_MS.get(i);
        return lower + (upper - lower) * Math.max(0, rank - before) / inBucket;
      }
      before += inBucket;
    }
    return lowerBound(SIZE - 1);
  }

  /** The mean in ms; null when empty. */
  Double mean() {
    long total = count();
    return total == 0 ? null : (double) sumMs / total;
  }

  /**
   * The smallest observation as far as buckets tell: the lower bound of the first non-empty bucket,
   * never above the mean. Null when empty.
   */
  Double min() {
    Double mean = mean();
    if (mean == null) {
      return null;
    }
    int i = 0;
    while (counts[i] == 0) {
      i++;
    }
    return Math.min(lowerBound(i), mean);
  }

  /**
   * The largest observation as far as buckets tell: the upper bound of the last non-empty bucket
   * (the highest finite bound for +Inf), never below the mean. Null when empty.
   */
  Double max() {
    Double mean = mean();
    if (mean == null) {
      return null;
    }
    int i = SIZE - 1;
    while (counts[i] == 0) {
      i--;
    }
    double upper = i == SIZE - 1 ? lowerBound(i) : BOUNDS_MS.get(i);
    return Math.max(upper, mean);
  }

  private static double lowerBound(int bucket) {
    return bucket == 0 ? 0 : BOUNDS_MS.get(bucket - 1);
  }
}
