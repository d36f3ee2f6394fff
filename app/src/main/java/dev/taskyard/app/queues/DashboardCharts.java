package dev.taskyard.app.queues;

import dev.taskyard.app.metrics.MetricsView;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The dashboard's charts: Chart.js configurations for PrimeFaces' {@code p:chart} and their points
 * as JSON. A point carries every charted figure ({@link #point}); each dataset names the figure it
 * draws ({@code field}), so {@code console.js} extends every chart from the same new points.
 */
public final class DashboardCharts {
  // Mid-tone colours, readable on the light (saga) and the dark (arya) theme alike.
  private static final String BLUE = "#42a5f5";
  private static final String ORANGE = "#ffa726";
  private static final String RED = "#ef5350";
  private static final String GREEN = "#66bb6a";
  private static final String PURPLE = "#ab47bc";

  private DashboardCharts() {}

  /** One line of a chart: its legend, the point figure it draws, its colour. */
  record Line(String label, String field, String colour) {}

  /** The charts, in the order the page shows them. */
  public enum Chart {
    THROUGHPUT(
        "Throughput (finished tasks per minute)",
        List.of(new Line("finished", "throughput", BLUE))),
    ERRORS("Error rate (% of finished attempts)", List.of(new Line("failed", "errorRate", RED))),
    DURATION("Duration (ms)", percentiles("p")),
    WAIT("Wait time (ms)", percentiles("waitP")),
    DEPTH(
        "Depth (tasks)",
        List.of(
            new Line("queued", "queued", BLUE),
            new Line("running", "running", GREEN),
            new Line("scheduled", "scheduled", PURPLE)));

    final String title;
    final List<Line> lines;

    Chart(String title, List<Line> lines) {
      this.title = title;
      this.lines = lines;
    }

    /** p50, p95 and p99, drawing the point figures {@code prefix} + 50, 95, 99. */
    private static List<Line> percentiles(String prefix) {
      return List.of(
          new Line("p50", prefix + "50", BLUE),
          new Line("p95", prefix + "95", ORANGE),
          new Line("p99", prefix + "99", RED));
    }
  }

  /**
   * The distance between the points of {@code range}: a few dozen points each, read from raw
   * samples up to six hours, from hourly and daily rollups beyond, so a chart of 100 queues reads
   * few rows.
   */
  static Duration step(DashboardRange range) {
    return switch (range) {
      case MINUTES_15 -> Duration.ofSeconds(30);
      case HOUR_1 -> Duration.ofMinutes(1);
      case HOURS_6 -> Duration.ofMinutes(5);
      case HOURS_24, DAYS_7 -> Duration.ofHours(1);
      case DAYS_30 -> Duration.ofDays(1);
    };
  }

  /** The first point of {@code range} up to {@code now}: on a multiple of its step. */
  static Instant from(DashboardRange range, Instant now) {
    return align(now.minus(range.length()), step(range));
  }

  /** {@code at} down to a multiple of {@code step} since the epoch. */
  static Instant align(Instant at, Duration step) {
    long ms = step.toMillis();
    return Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli(), ms) * ms);
  }

  /**
   * A point's charted figures: {@code x} (epoch ms), throughput per minute over the time the point
   * covers up to {@code now} (the last point is still filling), error rate in %, duration and wait
   * percentiles in ms, mean depth. A figure without data (no sample, nothing finished) is null, a
   * gap in the line.
   */
  static JsonObject point(MetricsView.Point p, Duration step, Instant now) {
    boolean sampled = !p.gauges().isEmpty();
    long covered = Math.min(step.toMillis(), Duration.between(p.at(), now).toMillis());
    long finished = p.succeeded() + p.failed();
    JsonObjectBuilder json = Json.createObjectBuilder().add("x", p.at().toEpochMilli());
    add(json, "throughput", sampled && covered > 0 ? finished * 60_000.0 / covered : null);
    add(json, "errorRate", p.errorRate() == null ? null : p.errorRate() * 100);
    add(json, "p50", p.duration().p50Ms());
    add(json, "p95", p.duration().p95Ms());
    add(json, "p99", p.duration().p99Ms());
    add(json, "waitP50", p.waitTime().p50Ms());
    add(json, "waitP95", p.waitTime().p95Ms());
    add(json, "waitP99", p.waitTime().p99Ms());
    for (String gauge : List.of("queued", "running", "scheduled")) {
      MetricsView.Level level = p.gauges().get(gauge);
      add(json, gauge, level == null ? null : level.avg());
    }
    return json.build();
  }

  /** {@code points} as the charts' JSON points. */
  static List<JsonObject> points(List<MetricsView.Point> points, Duration step, Instant now) {
    return points.stream().map(p -> point(p, step, now)).toList();
  }

  /**
   * {@code chart}'s Chart.js configuration with {@code points}, as a {@code p:chart} value: a line
   * per figure on a linear time axis from {@code from} to {@code to} (epoch ms; {@code console.js}
   * labels it in the reader's zone and colours the axes for the theme).
   */
  static String config(Chart chart, List<JsonObject> points, Instant from, Instant to) {
    JsonArrayBuilder datasets = Json.createArrayBuilder();
    for (Line line : chart.lines) {
      JsonArrayBuilder data = Json.createArrayBuilder();
      for (JsonObject p : points) {
        data.add(Json.createObjectBuilder().add("x", p.get("x")).add("y", p.get(line.field)));
      }
      datasets.add(
          Json.createObjectBuilder()
              .add("label", line.label)
              .add("field", line.field)
              .add("data", data)
              .add("borderColor", line.colour)
              .add("backgroundColor", line.colour)
              .add("borderWidth", 2)
              .add("pointRadius", 2)
              .add("spanGaps", false));
    }
    JsonObject options =
        Json.createObjectBuilder()
            .add("animation", false)
            .add("responsive", true)
            .add("maintainAspectRatio", false)
            .add(
                "interaction",
                Json.createObjectBuilder().add("mode", "index").add("intersect", false))
            .add(
                "scales",
                Json.createObjectBuilder()
                    .add(
                        "x",
                        Json.createObjectBuilder()
                            .add("type", "linear")
                            .add("min", from.toEpochMilli())
                            .add("max", to.toEpochMilli()))
                    .add("y", Json.createObjectBuilder().add("beginAtZero", true)))
            .add(
                "plugins",
                Json.createObjectBuilder()
                    .add(
                        "title",
                        Json.createObjectBuilder().add("display", true).add("text", chart.title)))
            .build();
    return scriptSafe(
        Json.createObjectBuilder()
            .add("type", "line")
            .add("data", Json.createObjectBuilder().add("datasets", datasets))
            .add("options", options)
            .build()
            .toString());
  }

  /**
   * The answer to a browser asking for the points since its last one: {@code from}, the first point
   * it should keep, and {@code to}, the end of its time axis (epoch ms), and the points from {@code
   * since} on, which replace its own.
   */
  static String tail(Instant from, Instant to, List<JsonObject> points) {
    JsonArrayBuilder list = Json.createArrayBuilder();
    points.forEach(list::add);
    return scriptSafe(
        Json.createObjectBuilder()
            .add("from", from.toEpochMilli())
            .add("to", to.toEpochMilli())
            .add("points", list)
            .build()
            .toString());
  }

  /**
   * JSON that can sit inside a {@code <script>} ({@code p:chart} writes its value there): no {@code
   * <} can close the element. JSON allows {@code <} only inside strings, where the escape means the
   * same.
   */
  static String scriptSafe(String json) {
    return json.replace("<", "\\u003c");
  }

  private static void add(JsonObjectBuilder json, String name, Double value) {
    if (value == null || value.isNaN() || value.isInfinite()) {
      json.add(name, JsonValue.NULL);
    } else {
      json.add(name, Math.round(value * 100) / 100.0);
    }
  }
}
