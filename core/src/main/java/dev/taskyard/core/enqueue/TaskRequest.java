package dev.taskyard.core.enqueue;

import dev.taskyard.core.task.TaskRef;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
    Optional<String> correlationId,
    List<TaskRef> dependsOn,
    ParentFailure onParentFailure) {

  /** What a task does when a parent ends without success. */
  public enum ParentFailure {
    /** It is cancelled too (and so are its own dependents). */
    CANCEL,
    /** It runs anyway once every parent has ended. */
    RUN
  }

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
        Optional.empty(),
        List.of(),
        ParentFailure.CANCEL);
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
        correlationId,
        dependsOn,
        onParentFailure);
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
        correlationId,
        dependsOn,
        onParentFailure);
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
        correlationId,
        dependsOn,
        onParentFailure);
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
        correlationId,
        dependsOn,
        onParentFailure);
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
        correlationId,
        dependsOn,
        onParentFailure);
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
        correlationId,
        dependsOn,
        onParentFailure);
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
        Optional.of(value),
        dependsOn,
        onParentFailure);
  }

  /**
   * Runs only after these tasks (in any queue) succeeded; until then it is WAITING. They must
   * exist.
   */
  public TaskRequest withDependencies(List<TaskRef> parents) {
    return new TaskRequest(
        type,
        payload,
        priority,
        runAt,
        delay,
        maxAttempts,
        timeout,
        idempotencyKey,
        correlationId,
        List.copyOf(parents),
        onParentFailure);
  }

  /** What happens to this task when a parent fails or is cancelled (default: it is cancelled). */
  public TaskRequest withOnParentFailure(ParentFailure policy) {
    return new TaskRequest(
        type,
        payload,
        priority,
        runAt,
        delay,
        maxAttempts,
        timeout,
        idempotencyKey,
        correlationId,
        dependsOn,
        policy);
  }
}
