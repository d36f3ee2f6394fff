package dev.taskyard.core.schedule;

import static dev.taskyard.core.schedule.MissedFirePolicy.FIRE_ONCE;
import static dev.taskyard.core.schedule.MissedFirePolicy.SKIP;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FirePlanTest {
  private static final CronTimes HOURLY = CronTimes.parse("0 * * * *", ZoneOffset.UTC);
  private static final CronTimes EVERY_SECOND = CronTimes.parse("* * * * * *", ZoneOffset.UTC);
  private static final Instant TEN = Instant.parse("2026-01-07T10:00:00Z");

  @ParameterizedTest
  @EnumSource(MissedFirePolicy.class)
  void fireFoundOnTimeFiresAndMovesToTheNextFireTime(MissedFirePolicy policy) {
    FirePlan plan = FirePlan.of(HOURLY, TEN, TEN.plusMillis(3), policy);

    assertThat(plan).isEqualTo(new FirePlan(Optional.of(TEN), TEN.plus(Duration.ofHours(1))));
    assertThat(plan.missed(TEN)).isFalse();
  }

  @ParameterizedTest
  @EnumSource(MissedFirePolicy.class)
  void runnerLaggingLessThanTheThresholdFiresEveryFireTimeInOrder(MissedFirePolicy policy) {
    Instant now = TEN.plus(MissedFirePolicy.MISSED_AFTER);

    FirePlan plan = FirePlan.of(EVERY_SECOND, TEN, now, policy);

    assertThat(plan.fireAt()).contains(TEN);
    assertThat(plan.next()).isEqualTo(TEN.plusSeconds(1));
  }

  @Test
  void fireOnceFiresTheMostRecentMissedTimeThenGoesOnFromNow() {
    Instant now = TEN.plus(Duration.ofHours(5)).plusSeconds(42);

    FirePlan plan = FirePlan.of(HOURLY, TEN, now, FIRE_ONCE);

    assertThat(plan.fireAt()).contains(Instant.parse("2026-01-07T15:00:00Z"));
    assertThat(plan.next()).isEqualTo("2026-01-07T16:00:00Z");
    assertThat(plan.missed(TEN)).isTrue();
  }

  @Test
  void fireOnceFiresALateSingleFireTimeAsPlanned() {
    Instant now = TEN.plus(Duration.ofMinutes(30));

    FirePlan plan = FirePlan.of(HOURLY, TEN, now, FIRE_ONCE);

    assertThat(plan).isEqualTo(new FirePlan(Optional.of(TEN), TEN.plus(Duration.ofHours(1))));
    assertThat(plan.missed(TEN)).isFalse();
  }

  @Test
  void skipFiresNothingAndGoesOnFromNow() {
    Instant now = TEN.plus(Duration.ofHours(5)).plusSeconds(42);

    FirePlan plan = FirePlan.of(HOURLY, TEN, now, SKIP);

    assertThat(plan.fireAt()).isEmpty();
    assertThat(plan.next()).isEqualTo("2026-01-07T16:00:00Z");
    assertThat(plan.missed(TEN)).isTrue();
  }

  @Test
  void missedFireTimesWithinTheThresholdOfNowCountAsMissedToo() {
    Instant now = TEN.plus(MissedFirePolicy.MISSED_AFTER).plusMillis(1500);

    assertThat(FirePlan.of(EVERY_SECOND, TEN, now, FIRE_ONCE))
        .isEqualTo(new FirePlan(Optional.of(now.minusMillis(500)), now.plusMillis(500)));
    assertThat(FirePlan.of(EVERY_SECOND, TEN, now, SKIP).next()).isEqualTo(now.plusMillis(500));
  }
}
