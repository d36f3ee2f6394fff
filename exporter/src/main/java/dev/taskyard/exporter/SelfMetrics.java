package dev.taskyard.exporter;

import static dev.taskyard.exporter.Snapshots.gauge;
import static dev.taskyard.exporter.Snapshots.gaugePoint;

import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;

/** The exporter's own health: its version, and how the last collection went. */
final class SelfMetrics {
  private final String version;

  SelfMetrics() {
    this(buildVersion());
  }

  SelfMetrics(String version) {
    this.version = version;
  }

  /**
   * @param seconds how long the collection took
   * @param success whether it read Redis fully
   * @param redisUp whether Redis answered
   */
  List<MetricSnapshot> metrics(double seconds, boolean success, boolean redisUp) {
    return List.of(
        InfoSnapshot.builder()
            .name("taskyard_exporter_build")
            .help("The exporter's version.")
            .dataPoint(
                InfoSnapshot.InfoDataPointSnapshot.builder()
                    .labels(Labels.of("version", version))
                    .build())
            .build(),
        gauge(
            "taskyard_exporter_scrape_duration_seconds",
            "How long the last collection took.",
            List.of(gaugePoint(seconds))),
        gauge(
            "taskyard_exporter_scrape_success",
            "1 when the last collection read Redis fully.",
            List.of(gaugePoint(success ? 1 : 0))),
        gauge(
            "taskyard_redis_up",
            "1 when Redis answered the last collection.",
            List.of(gaugePoint(redisUp ? 1 : 0))));
  }

  /** The project version the build wrote into the jar. */
  static String buildVersion() {
    try (InputStream in = SelfMetrics.class.getResourceAsStream("build.properties")) {
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
