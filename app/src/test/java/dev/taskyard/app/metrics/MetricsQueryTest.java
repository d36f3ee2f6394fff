package dev.taskyard.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskyard.app.platform.BadParameterException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsQueryTest {
  private static final Instant NOW = Instant.parse("2026-11-24T21:00:00Z");
  private static final Map<Resolution, Duration> RETENTION =
      Map.of(
          Resolution.RAW, Duration.ofDays(2),
          Resolution.HOUR, Duration.ofDays(30),
          Resolution.DAY, Duration.ofDays(730));

  @Test
  void shortAndIsoStepsParse() {
    assertThat(MetricsQuery.parseStep("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(MetricsQuery.parseStep("1m")).isEqualTo(Duration.ofMinutes(1));
    assertThat(MetricsQuery.parseStep("6h")).isEqualTo(Duration.ofHours(6));
    assertThat(MetricsQuery.parseStep("1d")).isEqualTo(Duration.ofDays(1));
    assertThat(MetricsQuery.parseStep("PT5M")).isEqualTo(Duration.ofMinutes(5));
    assertThat(MetricsQuery.parseStep("pt1h")).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void malformedOrTinyStepsNameTheStepParameter() {
    for (String step : List.of("fast", "1w", "-1m", "0s", "PT0.5S", "m")) {
      assertThatThrownBy(() -> MetricsQuery.parseStep(step))
          .isInstanceOfSatisfying(
              BadParameterException.class, e -> assertThat(e.parameter()).isEqualTo("step"));
    }
  }

  @Test
  void theStepChoosesTheCoarsestResolutionNoCoarserThanIt() {
    assertThat(MetricsQuery.resolutionFor(Duration.ofSeconds(10))).isEqualTo(Resolution.RAW);
    assertThat(MetricsQuery.resolutionFor(Duration.ofMinutes(59))).isEqualTo(Resolution.RAW);
    assertThat(MetricsQuery.resolutionFor(Duration.ofHours(1))).isEqualTo(Resolution.HOUR);
    assertThat(MetricsQuery.resolutionFor(Duration.ofHours(6))).isEqualTo(Resolution.HOUR);
    assertThat(MetricsQuery.resolutionFor(Duration.ofDays(1))).isEqualTo(Resolution.DAY);
    assertThat(MetricsQuery.resolutionFor(Duration.ofDays(7))).isEqualTo(Resolution.DAY);
  }

  @Test
  void missingOrMalformedInstantsNameTheirParameter() {
    assertThatThrownBy(() -> parse(null, null, null)).hasMessageStartingWith("from:");
    assertThatThrownBy(() -> parse("yesterday", null, null)).hasMessageStartingWith("from:");
    assertThatThrownBy(() -> parse("2026-11-24T20:00:00Z", "1732482000000", null))
        .hasMessageStartingWith("to:");
    assertThatThrownBy(() -> parse("2026-11-24T21:00:00Z", "2026-11-24T20:00:00Z", null))
        .hasMessageStartingWith("from:");
  }

  @Test
  void tooManyPointsAreRefusedNamingTheStep() {
    assertThatThrownBy(() -> parse("2026-11-01T00:00:00Z", null, "1s"))
        .isInstanceOfSatisfying(
            BadParameterException.class, e -> assertThat(e.parameter()).isEqualTo("step"));
  }

  @Test
  void toDefaultsToNowAndAShortRangeGetsOneMinuteRawPoints() {
    MetricsQuery q = parse("2026-11-24T20:00:00Z", null, null);

    assertThat(q.to()).isEqualTo(NOW);
    assertThat(q.step()).isEqualTo(Duration.ofMinutes(1));
    assertThat(q.resolution()).isEqualTo(Resolution.RAW);
  }

  @Test
  void withoutAStepARangeTooLongForMinutesGetsHourPoints() {
    MetricsQuery q = parse(NOW.minus(Duration.ofHours(20)).toString(), null, null);

    assertThat(q.step()).isEqualTo(Duration.ofHours(1));
    assertThat(q.resolution()).isEqualTo(Resolution.HOUR);
  }

  @Test
  void withoutAStepARangeStartingBeforeRawRetentionGetsHourPoints() {
    MetricsQuery q =
        parse(
            NOW.minus(Duration.ofDays(3)).toString(),
            NOW.minus(Duration.ofDays(3)).plusSeconds(600).toString(),
            null);

    assertThat(q.resolution()).isEqualTo(Resolution.HOUR);
  }

  @Test
  void withoutAStepARangeOfMonthsGetsDayPoints() {
    MetricsQuery q = parse(NOW.minus(Duration.ofDays(90)).toString(), null, null);

    assertThat(q.step()).isEqualTo(Duration.ofDays(1));
    assertThat(q.resolution()).isEqualTo(Resolution.DAY);
  }

  @Test
  void withoutAStepARangeOfMoreDaysThanPointsGetsPointsOfSeveralDays() {
    MetricsQuery q = parse(NOW.minus(Duration.ofDays(2500)).toString(), null, null);

    assertThat(q.step()).isEqualTo(Duration.ofDays(3));
    assertThat(q.resolution()).isEqualTo(Resolution.DAY);
    assertThat(q.points("q", List.of())).hasSizeLessThanOrEqualTo(1000);
  }

  @Test
  void pointsMergeTheRowsInsideEachStepAndCoverTheWholeRange() {
    MetricsQuery q = parse("2026-11-24T20:00:00Z", "2026-11-24T20:03:00Z", "1m");
    Instant t0 = q.from();
    List<MetricRow> rows =
        List.of(
            MetricRowTest.sampleRow("q", t0, 2, 1),
            MetricRowTest.sampleRow("q", t0.plusSeconds(30), 3, 0),
            MetricRowTest.sampleRow("q", t0.plusSeconds(150), 5, 5));

    List<MetricRow> points = q.points("q", rows);

    assertThat(points)
        .extracting(MetricRow::bucketStart)
        .containsExactly(t0, t0.plusSeconds(60), t0.plusSeconds(120));
    assertThat(points).extracting(p -> p.count(Counter.SUCCEEDED)).containsExactly(5L, 0L, 5L);
    assertThat(points).extracting(MetricRow::samples).containsExactly(2, 0, 1);
  }

  private static MetricsQuery parse(String from, String to, String step) {
    return MetricsQuery.parse(from, to, step, NOW, 1000, RETENTION);
  }
}
