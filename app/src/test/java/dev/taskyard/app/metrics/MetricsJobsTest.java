package dev.taskyard.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MetricsJobsTest {
  private static final Instant NOW = Instant.parse("2026-11-24T21:17:42Z");

  @Test
  void aRollupRecomputesThePreviousAndTheCurrentBucket() {
    assertThat(MetricsJobs.rollUpFrom(Resolution.HOUR, NOW, Duration.ofDays(2)))
        .isEqualTo(Instant.parse("2026-11-24T20:00:00Z"));
    assertThat(MetricsJobs.rollUpFrom(Resolution.DAY, NOW, Duration.ofDays(30)))
        .isEqualTo(Instant.parse("2026-11-23T00:00:00Z"));
  }

  @Test
  void aRollupNeverRecomputesABucketWhoseSourceRowsMayBeExpired() {
    // Samples kept 30 minutes: those of 20:00-20:47 may be gone, so that hour is left as it is.
    assertThat(MetricsJobs.rollUpFrom(Resolution.HOUR, NOW, Duration.ofMinutes(30)))
        .isEqualTo(Instant.parse("2026-11-24T21:00:00Z"));
    assertThat(MetricsJobs.rollUpFrom(Resolution.HOUR, NOW, Duration.ofMinutes(90)))
        .isEqualTo(Instant.parse("2026-11-24T20:00:00Z"));
  }
}
