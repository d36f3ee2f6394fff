package dev.taskyard.core.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;

import dev.taskyard.core.InvalidInputException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WorkerScalingTest {
  private static final WorkerScaling DEFAULTS = WorkerScaling.defaults();
  private static final Duration COOLDOWN = Duration.ofSeconds(5);

  @Test
  void defaultsKeepEachPoolsOwnThreadsWithoutAutoscaling() {
    assertThat(DEFAULTS.threads()).isZero();
    assertThat(DEFAULTS.autoscaling()).isFalse();
    assertThat(DEFAULTS.withAutoscaling(2, 8, 10, COOLDOWN).autoscaling()).isTrue();
    assertThat(DEFAULTS.withAutoscaling(2, 8, 10, COOLDOWN).withoutAutoscaling().autoscaling())
        .isFalse();
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        bad("threads", s -> s.withThreads(-1)),
        bad("threads", s -> s.withThreads(WorkerScaling.MAX_THREADS + 1)),
        bad("minThreads", s -> s.withAutoscaling(0, 8, 10, COOLDOWN)),
        bad("minThreads", s -> s.withAutoscaling(9, 8, 10, COOLDOWN)),
        bad("maxThreads", s -> s.withAutoscaling(1, 0, 10, COOLDOWN)),
        bad("maxThreads", s -> s.withAutoscaling(1, WorkerScaling.MAX_THREADS + 1, 10, COOLDOWN)),
        bad("backlogPerThread", s -> s.withAutoscaling(1, 8, 0, COOLDOWN)),
        bad("scaleDownCooldown", s -> s.withAutoscaling(1, 8, 10, Duration.ofMillis(-1))),
        bad("scaleDownCooldown", s -> s.withAutoscaling(1, 8, 10, null)));
  }

  private static Arguments bad(String field, UnaryOperator<WorkerScaling> change) {
    return Arguments.of(field, named(field, change));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void invalidValueIsRejectedNamingItsField(String field, UnaryOperator<WorkerScaling> change) {
    assertThatThrownBy(() -> change.apply(DEFAULTS))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field))
        .hasMessageStartingWith(field + ": must ");
  }

  @Test
  void everyFieldSurvivesTheConfigHash() {
    WorkerScaling custom = new WorkerScaling(12, 3, 30, 7, Duration.ofMillis(2500));

    assertThat(WorkerScaling.fromHash(custom.toHash())).isEqualTo(custom);
    assertThat(custom.toHash()).containsOnlyKeys(WorkerScaling.FIELDS);
  }

  @Test
  void fieldsMissingFromAnOlderConfigHashTakeTheirDefaults() {
    Map<String, String> hash = new HashMap<>(Map.of("maxAttempts", "3", "workerThreads", "4"));

    assertThat(WorkerScaling.fromHash(hash)).isEqualTo(DEFAULTS.withThreads(4));
    assertThat(WorkerScaling.fromHash(Map.of())).isEqualTo(DEFAULTS);
  }
}
