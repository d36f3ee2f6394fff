package dev.taskyard.core.schedule;

import static dev.taskyard.core.testing.TaskFixtures.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskyard.core.InvalidInputException;
import dev.taskyard.core.enqueue.TaskRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class ScheduleDefinitionTest {
  private static final ScheduleDefinition DAILY = ScheduleDefinition.of("0 2 * * *", aTask());

  @Test
  void defaultsAreUtcAndFireOnce() {
    assertThat(DAILY.zone()).isEqualTo(ZoneOffset.UTC);
    assertThat(DAILY.missedFires()).isEqualTo(MissedFirePolicy.FIRE_ONCE);
  }

  @Test
  void hashRoundTripKeepsEveryField() {
    ScheduleDefinition full =
        DAILY
            .withZone("Europe/Berlin")
            .withMissedFires(MissedFirePolicy.SKIP)
            .withTask(
                TaskRequest.of("report.build", "{\"a\":1}")
                    .withPriority(7)
                    .withMaxAttempts(5)
                    .withTimeout(Duration.ofMinutes(2))
                    .withCorrelationId("nightly"));

    assertThat(ScheduleDefinition.fromHash(present(full.toHash()))).isEqualTo(full);
    assertThat(ScheduleDefinition.fromHash(present(DAILY.toHash()))).isEqualTo(DAILY);
    assertThat(DAILY.toHash()).containsEntry("priority", "").containsEntry("zone", "Z");
  }

  @Test
  void badInputIsRefusedNamingTheField() {
    assertField(() -> DAILY.withCron("not cron"), "cron");
    assertField(() -> DAILY.withZone("Mars/Olympus"), "zone");
    assertField(() -> DAILY.withZone((String) null), "zone");
    assertField(() -> DAILY.withZone((ZoneId) null), "zone");
    assertField(() -> DAILY.withTask(null), "task");
    assertField(() -> DAILY.withTask(aTask().withRunAt(Instant.now())), "task.runAt");
    assertField(() -> DAILY.withTask(aTask().withDelay(Duration.ofSeconds(1))), "task.delay");
    assertField(() -> DAILY.withTask(aTask().withIdempotencyKey("k")), "task.idempotencyKey");
    assertField(() -> DAILY.withMissedFires(null), "missedFires");
  }

  /** What saveSchedule stores: empty values are removed from the hash. */
  private static Map<String, String> present(Map<String, String> hash) {
    Map<String, String> stored = new HashMap<>(hash);
    stored.values().removeIf(String::isEmpty);
    return stored;
  }

  private static void assertField(ThrowingCallable call, String field) {
    assertThatThrownBy(call)
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo(field);
  }
}
