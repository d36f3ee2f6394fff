package dev.taskyard.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.taskyard.core.stats.HistogramSnapshot;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistogramTest {

  /** A histogram with {@code count} observations in the bucket whose upper bound is {@code ms}. */
  private static Histogram with(long ms, long count, long sumMs) {
    long[] counts = new long[Histogram.SIZE];
    counts[Histogram.BOUNDS_MS.indexOf(ms)] = count;
    return new Histogram(counts, sumMs);
  }

  @Test
  void quantileInterpolatesInsideTheBucketThatHoldsTheRank() {
    // 100 observations in (10, 25] ms: the median is halfway through the bucket.
    Histogram h = with(25, 100, 1_750);

    assertThat(h.quantile(0.5)).isCloseTo(17.5, within(1e-9));
    assertThat(h.quantile(0.99)).isCloseTo(24.85, within(1e-9));
  }

  @Test
  void quantileSpansBucketsByCumulativeCount() {
    Histogram h = with(1, 90, 45).plus(with(1_000, 10, 8_000));

    assertThat(h.quantile(0.5)).isCloseTo(50.0 / 90, within(1e-9));
    // Rank 95 is the 5th of 10 observations in (500, 1000].
    assertThat(h.quantile(0.95)).isCloseTo(750, within(1e-9));
    assertThat(h.quantile(0.99)).isCloseTo(950, within(1e-9));
  }

  @Test
  void observationsAboveTheLastBoundAnswerThatBound() {
    long[] counts = new long[Histogram.SIZE];
    counts[Histogram.SIZE - 1] = 3;
    Histogram h = new Histogram(counts, 3 * 5_000_000L);

    assertThat(h.quantile(0.5)).isEqualTo(3_600_000.0);
    assertThat(h.max()).isEqualTo(5_000_000.0);
  }

  @Test
  void minAndMaxAreTheOuterBoundsOfTheObservedBucketsAndEncloseTheMean() {
    Histogram h = with(5, 2, 6).plus(with(250, 2, 400));

    assertThat(h.mean()).isEqualTo(101.5);
    assertThat(h.min()).isEqualTo(1.0);
    assertThat(h.max()).isEqualTo(250.0);
  }

  @Test
  void anEmptyHistogramHasNoStatistics() {
    Histogram h = Histogram.empty();

    assertThat(h.count()).isZero();
    assertThat(h.quantile(0.5)).isNull();
    assertThat(h.mean()).isNull();
    assertThat(h.min()).isNull();
    assertThat(h.max()).isNull();
  }

  @Test
  void aSnapshotFromRedisBecomesPerBucketCounts() {
    List<Long> cumulative = new ArrayList<>();
    for (int i = 0; i < Histogram.SIZE; i++) {
      cumulative.add(i < 2 ? 0L : i < 5 ? 3L : 7L);
    }
    Histogram h = Histogram.of(new HistogramSnapshot(Histogram.BOUNDS_MS, cumulative, 123));

    assertThat(h.counts()[2]).isEqualTo(3);
    assertThat(h.counts()[5]).isEqualTo(4);
    assertThat(h.count()).isEqualTo(7);
    assertThat(h.sumMs()).isEqualTo(123);
  }

  @Test
  void sinceSubtractsAnEarlierReadingAndTreatsADropAsAReset() {
    Histogram earlier = with(10, 4, 30);
    Histogram later = with(10, 6, 50).plus(with(100, 1, 80));

    Histogram delta = later.since(earlier);
    assertThat(delta.count()).isEqualTo(3);
    assertThat(delta.sumMs()).isEqualTo(100);

    Histogram afterReset = with(10, 1, 7);
    assertThat(afterReset.since(earlier)).isSameAs(afterReset);
  }
}
