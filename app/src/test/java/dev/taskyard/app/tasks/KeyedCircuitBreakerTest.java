package dev.taskyard.app.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskyard.app.tasks.KeyedCircuitBreaker.State;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class KeyedCircuitBreakerTest {
  private final MutableClock clock = new MutableClock();
  private final KeyedCircuitBreaker breaker =
      new KeyedCircuitBreaker(
          new KeyedCircuitBreaker.Settings(3, Duration.ofSeconds(10), Duration.ofSeconds(5)),
          clock);

  @Test
  void closedCircuitLetsCallsThrough() {
    assertThat(breaker.tryAcquire("q")).isEmpty();
    assertThat(breaker.snapshot("q").state()).isEqualTo(State.CLOSED);
  }

  @Test
  void failuresWithinTheWindowOpenTheCircuitForThatKeyOnly() {
    breaker.failed("q");
    breaker.failed("q");
    assertThat(breaker.failed("q")).contains(Duration.ofSeconds(5));

    assertThat(breaker.snapshot("q").state()).isEqualTo(State.OPEN);
    assertThat(breaker.tryAcquire("q")).contains(Duration.ofSeconds(5));
    assertThat(breaker.tryAcquire("other")).isEmpty();
  }

  @Test
  void failuresOlderThanTheWindowDoNotCount() {
    breaker.failed("q");
    breaker.failed("q");
    clock.advance(Duration.ofSeconds(11));

    assertThat(breaker.failed("q")).isEmpty();
    assertThat(breaker.snapshot("q").recentFailures()).isEqualTo(1);
  }

  @Test
  void openCircuitSaysHowLongItStaysOpen() {
    open();
    clock.advance(Duration.ofSeconds(2));

    assertThat(breaker.tryAcquire("q")).contains(Duration.ofSeconds(3));
  }

  @Test
  void afterTheDelayOneTrialGoesThroughAndOthersWait() {
    open();
    clock.advance(Duration.ofSeconds(5));

    assertThat(breaker.snapshot("q").state()).isEqualTo(State.HALF_OPEN);
    assertThat(breaker.tryAcquire("q")).isEmpty();
    assertThat(breaker.tryAcquire("q")).isPresent();
  }

  @Test
  void successfulTrialClosesTheCircuit() {
    open();
    clock.advance(Duration.ofSeconds(5));
    breaker.tryAcquire("q");

    breaker.succeeded("q");

    assertThat(breaker.snapshot("q").state()).isEqualTo(State.CLOSED);
    assertThat(breaker.tryAcquire("q")).isEmpty();
    assertThat(breaker.snapshots()).isEmpty();
  }

  @Test
  void failedTrialOpensTheCircuitAgain() {
    open();
    clock.advance(Duration.ofSeconds(5));
    breaker.tryAcquire("q");

    assertThat(breaker.failed("q")).contains(Duration.ofSeconds(5));

    assertThat(breaker.snapshot("q").state()).isEqualTo(State.OPEN);
    assertThat(breaker.tryAcquire("q")).contains(Duration.ofSeconds(5));
  }

  @Test
  void abandonedTrialLetsTheNextCallerTry() {
    open();
    clock.advance(Duration.ofSeconds(5));
    breaker.tryAcquire("q");

    breaker.abandoned("q");

    assertThat(breaker.tryAcquire("q")).isEmpty();
  }

  @Test
  void snapshotsListKeysThatAreNotPlainlyClosed() {
    open();
    breaker.failed("counting");

    assertThat(breaker.snapshots())
        .extracting(KeyedCircuitBreaker.Snapshot::key, KeyedCircuitBreaker.Snapshot::state)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("counting", State.CLOSED),
            org.assertj.core.groups.Tuple.tuple("q", State.OPEN));
  }

  private void open() {
    for (int i = 0; i < 3; i++) {
      breaker.failed("q");
    }
  }

  private static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2030-01-01T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
