package dev.taskyard.core.enqueue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a producer asks to run: a type and a JSON payload, plus optional settings; unset ones take
 * the queue's defaults. Immutable: each {@code with...} returns a copy.
 */
public record TaskRequest(
    String type,
    String payload,
    Optional<Integer> priority,
    Optional<Instant> runAt,
    Optional<Duration> delay,
    Optional<Integer> maxAttempts,
    Optional<Duration> timeout,
    Optional<String> idempotencyKey,
    Optional<String> correlationId) {

  public static TaskRequest of(String type, String payloadJson) {
    return new TaskRequest(
        type,
        payloadJson,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /** Higher runs first; tasks of equal priority run in the order they were queued. */
  public TaskRequest withPriority(int value) {
    return new TaskRequest(
        type,
        payload,
        Optional.of(value),
        runAt,
        delay,
        maxAttempts,
        timeout,
        idempotencyKey,
        correlationId);
  }

  public TaskRequest withRunAt(Instant value) {
    return new TaskRequest(
        type,
        payload,
        priority,
        Optional.of(value),
        delay,
        maxAttempts,
        timeout,
        idempotencyKey,
        correlationId);
  }

  /** Runs no earlier than this long after Redis receives the task. */
  public TaskRequest withDelay(Duration value) {
    return new TaskRequest(
        type,
        payload,
        priority,
        runAt,
        Optional.of(value),
        maxAttempts,
        timeout,
        idempotencyKey,
        correlationId);
  }

  public TaskRequest withMaxAttempts(int value) {
    return new TaskRequest(
        type,
        payload,
        priority,
        runAt,
        delay,
        Optional.of(value),
        timeout,
        idempotencyKey,
        correlationId);
  }

  /** Lease length: a worker that stops renewing for this long loses the task. */
  public TaskRequest withTimeout(Duration value) {
    return new TaskRequest(
        type,
        payload,
        priority,
        runAt,
        delay,
        maxAttempts,
        Optional.of(value),
        idempotencyKey,
        correlationId);
  }

  /**
   * A second submit with the same key (within the queue's idempotency TTL) returns the first id.
   */
  public TaskRequest withIdempotencyKey(String value) {
    return new TaskRequest(
        type,
        payload,
        priority,
        runAt,
        delay,
        maxAttempts,
        timeout,
        Optional.of(value),
        correlationId);
  }

  public TaskRequest withCorrelationId(String value) {
    return new TaskRequest(
        type,
        payload,
        priority,
        runAt,
        delay,
        maxAttempts,
        timeout,
        idempotencyKey,
        Optional.of(value));
  }
}
