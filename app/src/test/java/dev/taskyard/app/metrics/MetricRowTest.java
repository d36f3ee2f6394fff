package dev.taskyard.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricRowTest {
  private static final Instant T0 = Instant.parse("2026-11-24T20:00:00Z");
  private static final Duration STEP = Duration.ofSeconds(10);

  /** A sample row with {@code succeeded} and {@code failed} counts and a queue depth of 10. */
  static MetricRow sampleRow(String queue, Instant at, long succeeded, long failed) {
    long[] counters = new long[Counter.values().length];
    counters[Counter.SUCCEEDED.ordinal()] = succeeded;
    counters[Counter.FAILED.ordinal()] = failed;
    double[] gauges = new double[Gauge.values().length];
    gauges[Gauge.QUEUED.ordinal()] = 10;
    return new MetricRow(
        queue,
        Resolution.RAW,
        at,
        STEP.toMillis(),
        1,
        counters,
        gauges,
        gauges.clone(),
        Histogram.empty(),
        Histogram.empty());
  }

  private static QueueReading reading(Instant at, long enqueued, long succeeded, double queued) {
    long[] counters = new long[Counter.values().length];
    counters[Counter.ENQUEUED.ordinal()] = enqueued;
    counters[Counter.SUCCEEDED.ordinal()] = succeeded;
    double[] gauges = new double[Gauge.values().length];
    gauges[Gauge.QUEUED.ordinal()] = queued;
    return new QueueReading("q", at, counters, gauges, Histogram.empty(), Histogram.empty());
  }

  @Test
  void aSampleCountsTheDifferenceFromTheLastStoredTotals() {
    MetricRow.Cursor previous = MetricRow.Cursor.of(reading(T0, 10, 4, 6));

    MetricRow row = MetricRow.sample(reading(T0.plusSeconds(10), 15, 9, 6), previous, STEP);

    assertThat(row.count(Counter.ENQUEUED)).isEqualTo(5);
    assertThat(row.count(Counter.SUCCEEDED)).isEqualTo(5);
    assertThat(row.intervalMs()).isEqualTo(10_000);
    assertThat(row.mean(Gauge.QUEUED)).isEqualTo(6.0);
  }

  @Test
  void aSampleAfterAMissedOneCountsEverythingSinceTheLastStoredOne() {
    MetricRow.Cursor previous = MetricRow.Cursor.of(reading(T0, 10, 4, 6));

    MetricRow row = MetricRow.sample(reading(T0.plusSeconds(300), 110, 104, 6), previous, STEP);

    assertThat(row.count(Counter.SUCCEEDED)).isEqualTo(100);
    assertThat(row.intervalMs()).isEqualTo(300_000);
  }

  @Test
  void theFirstSampleOfAQueueCountsItsTotalsAndCountersThatWentDownWereReset() {
    assertThat(MetricRow.sample(reading(T0, 7, 3, 0), null, STEP).count(Counter.ENQUEUED))
        .isEqualTo(7);

    MetricRow.Cursor beforeReset = MetricRow.Cursor.of(reading(T0, 100, 90, 0));
    MetricRow afterReset =
        MetricRow.sample(reading(T0.plusSeconds(10), 2, 1, 0), beforeReset, STEP);
    assertThat(afterReset.count(Counter.ENQUEUED)).isEqualTo(2);
    assertThat(afterReset.count(Counter.SUCCEEDED)).isEqualTo(1);
  }

  @Test
  void aRollupAddsCountsIntervalsAndHistogramsAndKeepsGaugeSumsAndMaxima() {
    MetricRow a = sampleRow("q", T0, 2, 1);
    long[] counts = new long[Histogram.SIZE];
    counts[3] = 4;
    MetricRow b =
        new MetricRow(
            "q",
            Resolution.RAW,
            T0.plusSeconds(10),
            10_000,
            1,
            new long[] {1, 3, 0, 0, 0},
            new double[] {30, 0, 0, 2, 4, 2, 1, 0.5, 1e6},
            new double[] {30, 0, 0, 2, 4, 2, 1, 0.5, 1e6},
            new Histogram(counts, 60),
            Histogram.empty());

    MetricRow hour = MetricRow.merge("q", Resolution.HOUR, T0, List.of(a, b));

    assertThat(hour.resolution()).isEqualTo(Resolution.HOUR);
    assertThat(hour.samples()).isEqualTo(2);
    assertThat(hour.intervalMs()).isEqualTo(20_000);
    assertThat(hour.counters()).containsExactly(1, 5, 1, 0, 0);
    assertThat(hour.mean(Gauge.QUEUED)).isEqualTo(20.0);
    assertThat(hour.max(Gauge.QUEUED)).isEqualTo(30.0);
    assertThat(hour.max(Gauge.HEAP_USED_BYTES)).isEqualTo(1e6);
    assertThat(hour.durations().count()).isEqualTo(4);
    assertThat(hour.durations().sumMs()).isEqualTo(60);
  }

  @Test
  void rollingUpRollupsGivesWhatRollingUpTheSamplesAtOnceGives() {
    List<MetricRow> samples =
        List.of(
            sampleRow("q", T0, 1, 0),
            sampleRow("q", T0.plusSeconds(3600), 2, 1),
            sampleRow("q", T0.plusSeconds(3610), 3, 0));
    MetricRow h1 = MetricRow.merge("q", Resolution.HOUR, T0, samples.subList(0, 1));
    MetricRow h2 =
        MetricRow.merge("q", Resolution.HOUR, T0.plusSeconds(3600), samples.subList(1, 3));

    MetricRow viaHours = MetricRow.merge("q", Resolution.DAY, T0, List.of(h1, h2));
    MetricRow direct = MetricRow.merge("q", Resolution.DAY, T0, samples);

    assertThat(viaHours.counters()).containsExactly(direct.counters());
    assertThat(viaHours.gaugeSums()).containsExactly(direct.gaugeSums());
    assertThat(viaHours.gaugeMaxes()).containsExactly(direct.gaugeMaxes());
    assertThat(viaHours.samples()).isEqualTo(direct.samples());
    assertThat(viaHours.intervalMs()).isEqualTo(direct.intervalMs());
  }

  @Test
  void anEmptyMergeHoldsNoSamplesAndNoGaugeValues() {
    MetricRow empty = MetricRow.merge("q", Resolution.RAW, T0, List.of());

    assertThat(empty.samples()).isZero();
    assertThat(empty.mean(Gauge.QUEUED)).isNull();
    assertThat(empty.max(Gauge.QUEUED)).isNull();
  }

  @Test
  void theSampleOfAllQueuesAddsUpTheirCountsLevelsAndDurations() {
    long[] fast = new long[Histogram.SIZE];
    fast[0] = 9;
    long[] slow = new long[Histogram.SIZE];
    slow[Histogram.SIZE - 2] = 1;
    MetricRow a = withDurations(sampleRow("a", T0, 9, 1), new Histogram(fast, 9));
    MetricRow b = withDurations(sampleRow("b", T0.plusMillis(3), 1, 0), new Histogram(slow, 5000));

    MetricRow all = MetricRow.combine(MetricsStore.ALL_QUEUES, List.of(a, b));

    assertThat(all.queue()).isEqualTo("*");
    assertThat(all.bucketStart()).isEqualTo(T0.plusMillis(3));
    assertThat(all.intervalMs()).isEqualTo(STEP.toMillis());
    assertThat(all.count(Counter.SUCCEEDED)).isEqualTo(10);
    assertThat(all.count(Counter.FAILED)).isEqualTo(1);
    // The depth of all queues is the sum of theirs, as one sample.
    assertThat(all.samples()).isEqualTo(1);
    assertThat(all.mean(Gauge.QUEUED)).isEqualTo(20.0);
    assertThat(all.max(Gauge.QUEUED)).isEqualTo(20.0);
    assertThat(all.durations().count()).isEqualTo(10);
    assertThat(all.durations().quantile(0.5)).isLessThan(all.durations().quantile(0.99));
  }

  @Test
  void samplesOfAllQueuesRollUpAndReadLikeThoseOfAQueue() {
    MetricRow first =
        MetricRow.combine(
            "*", List.of(sampleRow("a", T0, 3, 1), sampleRow("b", T0.plusMillis(1), 2, 0)));
    MetricRow second =
        MetricRow.combine(
            "*",
            List.of(
                sampleRow("a", T0.plusSeconds(10), 1, 0),
                sampleRow("b", T0.plusSeconds(10), 0, 0)));
    MetricsQuery minute =
        new MetricsQuery(T0, T0.plus(Duration.ofMinutes(1)), Duration.ofMinutes(1), Resolution.RAW);

    MetricsView.Point point =
        MetricsView.point(minute.points("*", List.of(first, second)).get(0), Duration.ofMinutes(1));

    assertThat(point.succeeded()).isEqualTo(6);
    assertThat(point.errorRate()).isEqualTo(1 / 7.0);
    assertThat(point.gauges().get("queued").avg()).isEqualTo(20.0);
  }

  private static MetricRow withDurations(MetricRow row, Histogram durations) {
    return new MetricRow(
        row.queue(),
        row.resolution(),
        row.bucketStart(),
        row.intervalMs(),
        row.samples(),
        row.counters(),
        row.gaugeSums(),
        row.gaugeMaxes(),
        durations,
        row.waits());
  }
}
