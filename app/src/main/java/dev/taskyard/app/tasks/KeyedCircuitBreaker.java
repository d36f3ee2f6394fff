package dev.taskyard.app.tasks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One circuit breaker per key (a queue): {@code failures} refusals within {@code window} open it;
 * while open every call is refused at once; after {@code openFor} it lets one trial call through
 * (half-open), which closes it on success or opens it again on failure.
 *
 * <p>Hand-written because MicroProfile FT's {@code @CircuitBreaker} keeps one breaker per method:
 * one flooded queue would open the circuit for every queue's submits.
 *
 * <p>Each call that was let through must end with exactly one of {@link #succeeded}, {@link
 * #failed} or {@link #abandoned} (neither: bad input, Redis down), so a trial is never stuck.
 */
public final class KeyedCircuitBreaker {

  public enum State {
    CLOSED,
    OPEN,
    HALF_OPEN
  }

  /**
   * @param failures refusals within {@code window} that open the circuit
   * @param window how far back refusals count
   * @param openFor how long the circuit stays open before a trial call
   */
  public record Settings(int failures, Duration window, Duration openFor) {
    public Settings {
      if (failures < 1 || window.isNegative() || window.isZero() || openFor.isNegative()) {
        throw new IllegalArgumentException("failures >= 1, window > 0, openFor >= 0");
      }
    }
  }

  /**
   * A key's circuit at one moment.
   *
   * @param recentFailures refusals within the window (while closed)
   * @param retryAfter while open, how long until a trial call is let through
   */
  public record Snapshot(
      String key,
      State state,
      int recentFailures,
      Optional<Instant> openedAt,
      Optional<Duration> retryAfter) {}

  private static final class Circuit {
    State state = State.CLOSED;
    final Deque<Instant> failures = new ArrayDeque<>();
    Instant openedAt;
    boolean trialRunning;
  }

  private final Settings settings;
  private final Clock clock;
  private final Map<String, Circuit> circuits = new HashMap<>();

  public KeyedCircuitBreaker(Settings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * Asks to make a call for {@code key}.
   *
   * @return empty when the call may go ahead; else how long to wait before asking again
   */
  public synchronized Optional<Duration> tryAcquire(String key) {
    Circuit c = circuits.get(key);
    if (c == null || c.state == State.CLOSED) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (c.state == State.OPEN) {
      Duration left = Duration.between(now, c.openedAt.plus(settings.openFor()));
      if (!left.isNegative() && !left.isZero()) {
        return Optional.of(left);
      }
      c.state = State.HALF_OPEN;
    }
    if (c.trialRunning) {
      return Optional.of(settings.openFor().isZero() ? Duration.ofSeconds(1) : settings.openFor());
    }
    c.trialRunning = true;
    return Optional.empty();
  }

  /** The call went through: a trial closes the circuit. */
  public synchronized void succeeded(String key) {
    Circuit c = circuits.get(key);
    if (c != null && c.state == State.HALF_OPEN) {
      circuits.remove(key);
    }
  }

  /**
   * The call was refused for the reason this breaker counts.
   *
   * @return how long the circuit now stays open; empty if it is still closed
   */
  public synchronized Optional<Duration> failed(String key) {
    Instant now = clock.instant();
    Circuit c = circuits.computeIfAbsent(key, k -> new Circuit());
    if (c.state == State.CLOSED) {
      c.failures.addLast(now);
      prune(c, now);
      if (c.failures.size() < settings.failures()) {
        return Optional.empty();
      }
    }
    c.state = State.OPEN;
    c.openedAt = now;
    c.trialRunning = false;
    c.failures.clear();
    return Optional.of(settings.openFor());
  }

  /** The call ended for another reason: a trial gives its turn to the next caller. */
  public synchronized void abandoned(String key) {
    Circuit c = circuits.get(key);
    if (c != null && c.state == State.HALF_OPEN) {
      c.trialRunning = false;
    }
  }

  /** Every key that is open, half-open, or closed with recent failures, by key. */
  public synchronized List<Snapshot> snapshots() {
    Instant now = clock.instant();
    circuits.values().forEach(c -> prune(c, now));
    circuits.entrySet().removeIf(e -> isIdle(e.getValue()));
    return circuits.entrySet().stream()
        .map(e -> snapshot(e.getKey(), e.getValue(), now))
        .sorted(Comparator.comparing(Snapshot::key))
        .toList();
  }

  public synchronized Snapshot snapshot(String key) {
    Instant now = clock.instant();
    Circuit c = circuits.get(key);
    if (c == null) {
      return new Snapshot(key, State.CLOSED, 0, Optional.empty(), Optional.empty());
    }
    prune(c, now);
    return snapshot(key, c, now);
  }

  private Snapshot snapshot(String key, Circuit c, Instant now) {
    State state = c.state;
    Optional<Duration> retryAfter = Optional.empty();
    if (state == State.OPEN) {
      Duration left = Duration.between(now, c.openedAt.plus(settings.openFor()));
      if (!left.isNegative() && !left.isZero()) {
        retryAfter = Optional.of(left);
      } else {
        state = State.HALF_OPEN; // the next call is the trial
      }
    }
    return new Snapshot(key, state, c.failures.size(), Optional.ofNullable(c.openedAt), retryAfter);
  }

  private void prune(Circuit c, Instant now) {
    Instant oldest = now.minus(settings.window());
    while (!c.failures.isEmpty() && !c.failures.peekFirst().isAfter(oldest)) {
      c.failures.removeFirst();
    }
  }

  private static boolean isIdle(Circuit c) {
    return c.state == State.CLOSED && c.failures.isEmpty();
  }
}
