package dev.taskyard.app.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FailureWindowTest {
  private static final Duration WINDOW = Duration.ofMinutes(5);
  private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
  private final FailureWindow window = new FailureWindow();

  @Test
  void oneObservationHasNoRatio() {
    window.observe(T0, 10, 10, WINDOW);

    assertThat(window.ratio()).isEmpty();
  }

  @Test
  void ratioCountsOnlyWhatFinishedSinceTheFirstObservation() {
    window.observe(T0, 100, 50, WINDOW);
    window.observe(T0.plusSeconds(60), 130, 60, WINDOW);

    assertThat(window.ratio().getAsDouble()).isCloseTo(10.0 / 40, within(1e-9));
  }

  @Test
  void nothingFinishedInTheWindowHasNoRatio() {
    window.observe(T0, 5, 5, WINDOW);
    window.observe(T0.plusSeconds(10), 5, 5, WINDOW);

    assertThat(window.ratio()).isEmpty();
  }

  @Test
  void failuresOlderThanTheWindowAreForgotten() {
    window.observe(T0, 0, 0, WINDOW);
    window.observe(T0.plusSeconds(60), 0, 100, WINDOW);
    window.observe(T0.plus(WINDOW).plusSeconds(120), 50, 100, WINDOW);

    assertThat(window.ratio().getAsDouble()).isZero();
  }

  @Test
  void theWindowKeepsTheLastObservationAtOrBeforeItsStart() {
    window.observe(T0, 0, 0, WINDOW);
    window.observe(T0.plusSeconds(200), 10, 0, WINDOW);
    window.observe(T0.plus(WINDOW).plusSeconds(10), 10, 10, WINDOW);

    // The window starts 10 s after T0, between the first two: it is measured from T0.
    assertThat(window.ratio().getAsDouble()).isCloseTo(0.5, within(1e-9));
  }
}
