package dev.taskyard.app.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The time series' settings from MicroProfile Config ({@code taskyard.metrics.*}). */
@ApplicationScoped
public class MetricsSettings {

  @Inject
  @ConfigProperty(name = "taskyard.metrics.enabled", defaultValue = "true")
  boolean enabled;

  @Inject
  @ConfigProperty(name = "taskyard.metrics.sample-seconds", defaultValue = "10")
  long sampleSeconds;

  @Inject
  @ConfigProperty(name = "taskyard.metrics.rollup-seconds", defaultValue = "60")
  long rollupSeconds;

  @Inject
  @ConfigProperty(name = "taskyard.metrics.retention.raw", defaultValue = "P2D")
  String rawRetention;

  @Inject
  @ConfigProperty(name = "taskyard.metrics.retention.hour", defaultValue = "P30D")
  String hourRetention;

  @Inject
  @ConfigProperty(name = "taskyard.metrics.retention.day", defaultValue = "P730D")
  String dayRetention;

  @Inject
  @ConfigProperty(name = "taskyard.metrics.max-points", defaultValue = "1000")
  int maxPoints;

  // Read through methods: callers hold a client proxy, whose own fields are never set.
  boolean enabled() {
    return enabled;
  }

  int maxPoints() {
    return maxPoints;
  }

  Duration sampleStep() {
    return Duration.ofSeconds(sampleSeconds);
  }

  Duration rollupPeriod() {
    return Duration.ofSeconds(rollupSeconds);
  }

  /** How long rows of each resolution are kept. */
  Map<Resolution, Duration> retention() {
    return Map.of(
        Resolution.RAW, Duration.parse(rawRetention),
        Resolution.HOUR, Duration.parse(hourRetention),
        Resolution.DAY, Duration.parse(dayRetention));
  }
}
