package dev.taskyard.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChartSeriesTest {
  private static final Instant T0 = Instant.parse("2026-11-24T20:00:00Z");
  private static final Duration STEP = Duration.ofMinutes(1);
  private static final MetricsQuery THREE_MINUTES =
      new MetricsQuery(T0, T0.plus(STEP.multipliedBy(3)), STEP, Resolution.RAW);

  @Test
  void allQueuesTogetherAddUpTheirCountsAndTheirDepths() {
    // Two samples of "a" in the first minute (depth 10 each), one of "b" (depth 10).
    List<MetricRow> rows =
        List.of(
            MetricRowTest.sampleRow("a", T0, 3, 1),
            MetricRowTest.sampleRow("a", T0.plusSeconds(10), 2, 0),
            MetricRowTest.sampleRow("b", T0.plusSeconds(5), 5, 1));

    List<MetricsView.Point> points = ChartSeries.points(THREE_MINUTES, rows);

    assertThat(points).hasSize(3);
    MetricsView.Point first = points.get(0);
    assertThat(first.at()).isEqualTo(T0);
    assertThat(first.succeeded()).isEqualTo(10);
    assertThat(first.failed()).isEqualTo(2);
    assertThat(first.errorRate()).isEqualTo(2 / 12.0);
    // The depth of all queues is the sum of each queue's mean, not the mean of all samples.
    assertThat(first.gauges().get("queued").avg()).isEqualTo(20.0);
    assertThat(first.gauges().get("queued").max()).isEqualTo(20.0);
  }

  @Test
  void pointsWithoutSamplesHoldNoLevelsAndNoRates() {
    List<MetricsView.Point> points =
        ChartSeries.points(
            THREE_MINUTES, List.of(MetricRowTest.sampleRow("a", T0.plusSeconds(70), 4, 0)));

    assertThat(points.get(0).gauges()).isEmpty();
    assertThat(points.get(0).errorRate()).isNull();
    assertThat(points.get(1).succeeded()).isEqualTo(4);
    assertThat(points.get(2).gauges()).isEmpty();
    assertThat(ChartSeries.points(THREE_MINUTES, List.of()))
        .hasSize(3)
        .allSatisfy(p -> assertThat(p.gauges()).isEmpty());
  }

  @Test
  void oneQueuesPointsAreThoseOfTheApi() {
    List<MetricRow> rows =
        List.of(
            MetricRowTest.sampleRow("a", T0, 3, 1),
            MetricRowTest.sampleRow("a", T0.plusSeconds(10), 2, 0));

    List<MetricsView.Point> charted = ChartSeries.points(THREE_MINUTES, rows);
    List<MetricsView.Point> api =
        THREE_MINUTES.points("a", rows).stream().map(r -> MetricsView.point(r, STEP)).toList();

    assertThat(charted)
        .usingRecursiveFieldByFieldElementComparator()
        .containsExactlyElementsOf(api);
  }

  @Test
  void durationsOfAllQueuesAreOneHistogram() {
    long[] fast = new long[Histogram.SIZE];
    fast[0] = 9;
    long[] slow = new long[Histogram.SIZE];
    slow[Histogram.SIZE - 2] = 1;
    MetricRow a = withDurations(MetricRowTest.sampleRow("a", T0, 9, 0), new Histogram(fast, 9));
    MetricRow b = withDurations(MetricRowTest.sampleRow("b", T0, 1, 0), new Histogram(slow, 5000));

    MetricsView.Point first = ChartSeries.points(THREE_MINUTES, List.of(a, b)).get(0);

    assertThat(first.duration().count()).isEqualTo(10);
    assertThat(first.duration().p50Ms()).isLessThan(first.duration().p99Ms());
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
