package dev.taskyard.app.queues;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DashboardRangeTest {

  @Test
  void aRangeIsFoundByItsParameter() {
    assertThat(DashboardRange.of("24h")).contains(DashboardRange.HOURS_24);
    assertThat(DashboardRange.of("30d").orElseThrow().length()).isEqualTo(Duration.ofDays(30));
  }

  @Test
  void anUnknownOrMissingParameterNamesNoRange() {
    assertThat(DashboardRange.of("2h")).isEmpty();
    assertThat(DashboardRange.of(null)).isEmpty();
  }
}
