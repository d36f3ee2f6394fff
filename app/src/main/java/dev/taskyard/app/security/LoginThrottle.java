package dev.taskyard.app.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed logins counted per client address and per user name, each within a fixed window: once
 * either reaches its limit, logins from that client or as that user are refused without checking
 * the password until the window ends. A password check may cost a PBKDF2 of 210,000 iterations, so
 * without this a few clients guessing could keep every CPU busy. Counts are per node.
 */
final class LoginThrottle {
  /** Above this many tracked names, ended windows are swept out before adding one. */
  private static final int SWEEP_ABOVE = 10_000;

  private final int clientLimit;
  private final int userLimit;
  private final Duration window;
  private final Clock clock;
  private final Map<String, Failures> clients = new ConcurrentHashMap<>();
  private final Map<String, Failures> users = new ConcurrentHashMap<>();

  /** Failed logins since {@code start}; the window ends {@code window} after it. */
  private record Failures(Instant start, int count) {}

  LoginThrottle(int clientLimit, int userLimit, Duration window, Clock clock) {
    this.clientLimit = clientLimit;
    this.userLimit = userLimit;
    this.window = window;
    this.clock = clock;
  }

  /**
   * How long logins from {@code client} or as {@code user} are refused; empty when they are not.
   */
  Optional<Duration> refusedFor(String client, String user) {
    Instant now = clock.instant();
    Duration wait =
        max(
            remaining(clients.get(client), clientLimit, now),
            remaining(users.get(user), userLimit, now));
    return wait.isZero() ? Optional.empty() : Optional.of(wait);
  }

  /** Counts a failed login from {@code client} as {@code user}. */
  void failed(String client, String user) {
    Instant now = clock.instant();
    count(clients, client, now);
    count(users, user, now);
  }

  private void count(Map<String, Failures> failures, String key, Instant now) {
    if (failures.size() > SWEEP_ABOVE) {
      failures.values().removeIf(f -> ended(f, now));
    }
    failures.merge(
        key,
        new Failures(now, 1),
        (old, one) -> ended(old, now) ? one : new Failures(old.start(), old.count() + 1));
  }

  private Duration remaining(Failures failures, int limit, Instant now) {
    if (failures == null || failures.count() < limit || ended(failures, now)) {
      return Duration.ZERO;
    }
    return Duration.between(now, failures.start().plus(window));
  }

  private boolean ended(Failures failures, Instant now) {
    return !now.isBefore(failures.start().plus(window));
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
