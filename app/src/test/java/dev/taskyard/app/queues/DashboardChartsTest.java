package dev.taskyard.app.queues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskyard.app.metrics.MetricsView;
import dev.taskyard.app.platform.BadParameterException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DashboardChartsTest {
  private static final Instant NOW = Instant.parse("2026-11-24T20:17:42.123Z");
  private static final MetricsView.Latency NONE =
      new MetricsView.Latency(0, null, null, null, null, null, null);

  @ParameterizedTest
  @EnumSource(DashboardRange.class)
  void eachRangeStartsOnAStepAndHoldsAFewDozenToAFewHundredPoints(DashboardRange range) {
    Duration step = DashboardCharts.step(range);
    Instant from = DashboardCharts.from(range, NOW);

    assertThat(from.toEpochMilli() % step.toMillis()).isZero();
    assertThat(from).isBeforeOrEqualTo(NOW.minus(range.length()));
    assertThat(Duration.between(from, NOW).toMillis() / step.toMillis()).isBetween(24L, 200L);
  }

  @Test
  void aPointGivesEveryChartedFigureAndThroughputOverTheTimeItCovers() {
    Instant at = NOW.minusSeconds(30);
    MetricsView.Point point =
        new MetricsView.Point(
            at,
            12,
            9,
            1,
            0,
            0,
            10.0,
            0.1,
            new MetricsView.Latency(10, 1.0, 20.0, 90.0, 15.0, 80.0, 88.0),
            NONE,
            Map.of(
                "queued", new MetricsView.Level(4.5, 6),
                "running", new MetricsView.Level(2, 2),
                "scheduled", new MetricsView.Level(0, 0)));

    JsonObject json = DashboardCharts.point(point, Duration.ofMinutes(1), NOW);

    assertThat(json.getJsonNumber("x").longValue()).isEqualTo(at.toEpochMilli());
    // 10 finished in the 30 seconds the last point covers so far: 20 a minute, not 10.
    assertThat(json.getJsonNumber("throughput").doubleValue()).isEqualTo(20.0);
    assertThat(json.getJsonNumber("errorRate").doubleValue()).isEqualTo(10.0);
    assertThat(json.getJsonNumber("p95").doubleValue()).isEqualTo(80.0);
    assertThat(json.get("waitP50")).isEqualTo(JsonValue.NULL);
    assertThat(json.getJsonNumber("queued").doubleValue()).isEqualTo(4.5);
  }

  @Test
  void aPointWithoutSamplesIsAGapInEveryLine() {
    MetricsView.Point empty =
        new MetricsView.Point(NOW.minusSeconds(600), 0, 0, 0, 0, 0, 0, null, NONE, NONE, Map.of());

    JsonObject json = DashboardCharts.point(empty, Duration.ofMinutes(1), NOW);

    assertThat(json.get("throughput")).isEqualTo(JsonValue.NULL);
    assertThat(json.get("queued")).isEqualTo(JsonValue.NULL);
  }

  @Test
  void aChartDrawsOneLinePerFigureEachNamingTheFigureItDraws() {
    Instant from = NOW.minusSeconds(120);
    List<JsonObject> points =
        List.of(
            Json.createObjectBuilder()
                .add("x", 1)
                .add("p50", 5)
                .add("p95", 9)
                .add("p99", 12)
                .build(),
            Json.createObjectBuilder()
                .add("x", 2)
                .add("p50", JsonValue.NULL)
                .add("p95", 1)
                .add("p99", 2)
                .build());

    JsonObject config =
        read(DashboardCharts.config(DashboardCharts.Chart.DURATION, points, from, NOW));

    assertThat(config.getString("type")).isEqualTo("line");
    var datasets = config.getJsonObject("data").getJsonArray("datasets");
    assertThat(datasets.getValuesAs(JsonObject.class))
        .extracting(d -> d.getString("field"))
        .containsExactly("p50", "p95", "p99");
    JsonObject p50 = datasets.getJsonObject(0);
    assertThat(p50.getJsonArray("data").getJsonObject(0).getInt("y")).isEqualTo(5);
    assertThat(p50.getJsonArray("data").getJsonObject(1).get("y")).isEqualTo(JsonValue.NULL);
    assertThat(
            config
                .getJsonObject("options")
                .getJsonObject("scales")
                .getJsonObject("x")
                .getJsonNumber("min")
                .longValue())
        .isEqualTo(from.toEpochMilli());
    assertThat(
            config
                .getJsonObject("options")
                .getJsonObject("scales")
                .getJsonObject("x")
                .getJsonNumber("max")
                .longValue())
        .isEqualTo(NOW.toEpochMilli());
  }

  @Test
  void chartJsonCannotCloseTheScriptItIsWrittenInto() {
    String tail =
        DashboardCharts.tail(
            NOW,
            NOW,
            List.of(Json.createObjectBuilder().add("x", "</script><script>alert(1)").build()));

    assertThat(tail).doesNotContain("<");
    assertThat(read(tail).getJsonArray("points").getJsonObject(0).getString("x"))
        .isEqualTo("</script><script>alert(1)");
  }

  @Test
  void aBrowserAsksForThePointsFromItsLastOneWithinTheRange() {
    Duration step = Duration.ofMinutes(1);
    Instant from = DashboardCharts.from(DashboardRange.HOUR_1, NOW);
    long last = NOW.minusSeconds(75).toEpochMilli();

    assertThat(DashboardChartServlet.since(Long.toString(last), from, NOW, step))
        .isEqualTo(DashboardCharts.align(Instant.ofEpochMilli(last), step));
    assertThat(DashboardChartServlet.since(null, from, NOW, step)).isEqualTo(from);
    assertThat(DashboardChartServlet.since("0", from, NOW, step)).isEqualTo(from);
    assertThat(
            DashboardChartServlet.since(
                Long.toString(NOW.plusSeconds(3600).toEpochMilli()), from, NOW, step))
        .isEqualTo(DashboardCharts.align(NOW, step));
    assertThatThrownBy(() -> DashboardChartServlet.since("yesterday", from, NOW, step))
        .isInstanceOfSatisfying(
            BadParameterException.class, e -> assertThat(e.parameter()).isEqualTo("since"));
  }

  @Test
  void theAddressNamesARangeOrGetsTheDefaultAndAWrongOneIsRefusedNamingTheField() {
    assertThat(DashboardAddress.range("24h")).isEqualTo(DashboardRange.HOURS_24);
    assertThat(DashboardAddress.range(null)).isEqualTo(DashboardRange.DEFAULT);
    assertThatThrownBy(() -> DashboardAddress.range("2w"))
        .isInstanceOfSatisfying(
            BadParameterException.class,
            e -> {
              assertThat(e.parameter()).isEqualTo("range");
              assertThat(e.problem().summary())
                  .isEqualTo("range: must be one of 15m, 1h, 6h, 24h, 7d, 30d");
            });
    assertThat(DashboardAddress.query(DashboardRange.DAYS_7, "")).isEqualTo("range=7d");
    assertThat(DashboardAddress.query(DashboardRange.MINUTES_15, "emails"))
        .isEqualTo("range=15m&queue=emails");
  }

  @Test
  void theDayFiguresCountFromTheTotalsAtTheStartOfTheDay() {
    assertThat(DayOutcomes.done(120, 100)).isEqualTo(20);
    // The queue was deleted and made again since: its counters started over.
    assertThat(DayOutcomes.done(3, 100)).isZero();
    assertThat(DayOutcomes.successRate(39, 1)).isEqualTo("97.5 %");
    assertThat(DayOutcomes.successRate(0, 0)).isEqualTo("–");
  }

  private static JsonObject read(String json) {
    return Json.createReader(new StringReader(json)).readObject();
  }
}
