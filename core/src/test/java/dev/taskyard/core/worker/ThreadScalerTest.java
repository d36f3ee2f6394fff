package dev.taskyard.core.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskyard.core.control.WorkerScaling;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ThreadScalerTest {
  private static final long SECOND = Duration.ofSeconds(1).toNanos();
  private static final WorkerScaling AUTO =
      WorkerScaling.defaults().withAutoscaling(2, 20, 10, Duration.ofSeconds(5));

  private final ThreadScaler scaler = new ThreadScaler(4);

  @Test
  void poolKeepsItsOwnThreadsUntilTheSettingsNameACount() {
    assertThat(scaler.settled(WorkerScaling.defaults(), 4)).isEqualTo(4);
    assertThat(scaler.settled(WorkerScaling.defaults().withThreads(9), 4)).isEqualTo(9);
    assertThat(scaler.settled(WorkerScaling.defaults(), 9)).isEqualTo(4);
  }

  @Test
  void fixedCountIgnoresTheBacklog() {
    WorkerScaling fixed = WorkerScaling.defaults().withThreads(3);

    assertThat(scaler.scaled(fixed, 4, 4, 100_000, 0)).isEqualTo(3);
  }

  @Test
  void autoscalingStartsWithinItsRange() {
    assertThat(scaler.settled(AUTO, 1)).isEqualTo(2);
    assertThat(scaler.settled(AUTO, 50)).isEqualTo(20);
    assertThat(scaler.settled(AUTO, 7)).isEqualTo(7);
  }

  @Test
  void growsAtOnceToWhatTheBacklogNeedsUpToTheMaximum() {
    assertThat(scaler.scaled(AUTO, 4, 4, 41, 0)).as("41 queued, 10 per thread").isEqualTo(5);
    assertThat(scaler.scaled(AUTO, 5, 5, 10_000, 0)).isEqualTo(20);
  }

  @Test
  void backlogWithinTheThresholdKeepsTheThreads() {
    assertThat(scaler.scaled(AUTO, 4, 4, 40, 0)).isEqualTo(4);
  }

  @Test
  void shrinksOnlyAfterTheCooldownToTheHighestDemandSeenMeanwhile() {
    assertThat(scaler.scaled(AUTO, 10, 0, 0, 0)).isEqualTo(10);
    assertThat(scaler.scaled(AUTO, 10, 6, 0, 2 * SECOND)).isEqualTo(10);
    assertThat(scaler.scaled(AUTO, 10, 1, 0, 4 * SECOND)).isEqualTo(10);

    assertThat(scaler.scaled(AUTO, 10, 0, 0, 5 * SECOND)).isEqualTo(6);
    assertThat(scaler.scaled(AUTO, 6, 0, 0, 6 * SECOND)).as("a new cooldown").isEqualTo(6);
    assertThat(scaler.scaled(AUTO, 6, 0, 0, 11 * SECOND))
        .as("never below the minimum")
        .isEqualTo(2);
  }

  @Test
  void demandBackAtTheThreadCountRestartsTheCooldown() {
    scaler.scaled(AUTO, 10, 0, 0, 0);
    assertThat(scaler.scaled(AUTO, 10, 10, 0, 3 * SECOND)).isEqualTo(10);

    assertThat(scaler.scaled(AUTO, 10, 0, 0, 6 * SECOND)).isEqualTo(10);
    assertThat(scaler.scaled(AUTO, 10, 0, 0, 11 * SECOND)).isEqualTo(2);
  }
}
