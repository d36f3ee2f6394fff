package dev.taskyard.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  private static final Duration WINDOW = Duration.ofSeconds(60);
  private final MutableClock clock = new MutableClock();
  private final LoginThrottle throttle = new LoginThrottle(3, 5, WINDOW, clock);

  @Test
  void aClientIsRefusedOnceItsFailuresReachTheLimitUntilTheWindowEnds() {
    for (int i = 0; i < 3; i++) {
      assertThat(throttle.refusedFor("10.0.0.1", "user" + i)).isEmpty();
      throttle.failed("10.0.0.1", "user" + i);
    }
    clock.advance(Duration.ofSeconds(20));

    assertThat(throttle.refusedFor("10.0.0.1", "someone")).contains(Duration.ofSeconds(40));
    assertThat(throttle.refusedFor("10.0.0.2", "someone")).isEmpty();

    clock.advance(Duration.ofSeconds(40));
    assertThat(throttle.refusedFor("10.0.0.1", "someone")).isEmpty();
  }

  @Test
  void aUserIsRefusedFromEveryClientOnceItsFailuresReachTheLimit() {
    for (int i = 0; i < 5; i++) {
      throttle.failed("10.0.0." + i, "admin");
    }

    assertThat(throttle.refusedFor("10.0.0.99", "admin")).contains(WINDOW);
    assertThat(throttle.refusedFor("10.0.0.99", "viewer")).isEmpty();
  }

  @Test
  void failuresOfAnEndedWindowStartANewCount() {
    throttle.failed("10.0.0.1", "a");
    throttle.failed("10.0.0.1", "b");
    clock.advance(WINDOW);
    throttle.failed("10.0.0.1", "c");
    throttle.failed("10.0.0.1", "d");

    assertThat(throttle.refusedFor("10.0.0.1", "e")).isEmpty();
  }

  private static final class MutableClock extends Clock {
    private Instant now = Instant.EPOCH;

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
