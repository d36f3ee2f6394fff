package dev.taskyard.app.queues;

import dev.taskyard.app.platform.RedisCircuits;
import dev.taskyard.app.tasks.KeyedCircuitBreaker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * This node's circuit breakers: those of the Redis adapters' methods, and the per-queue submit
 * breakers that are not plainly closed.
 */
public record BreakersView(List<RedisCircuits.Circuit> redis, List<SubmitBreaker> submit) {

  /**
   * @param state CLOSED, OPEN or HALF_OPEN (the next submit is the trial)
   * @param recentRefusals "queue full" refusals within the window, while closed
   * @param retryAfterMs while open, until the trial submit
   */
  public record SubmitBreaker(
      String queue, String state, int recentRefusals, Instant openedAt, Long retryAfterMs) {

    public static SubmitBreaker of(KeyedCircuitBreaker.Snapshot s) {
      return new SubmitBreaker(
          s.key(),
          s.state().name(),
          s.recentFailures(),
          s.openedAt().orElse(null),
          s.retryAfter().map(Duration::toMillis).orElse(null));
    }
  }
}
