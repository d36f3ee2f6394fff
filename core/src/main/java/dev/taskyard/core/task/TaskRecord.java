package dev.taskyard.core.task;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A task's full record as kept in Redis. Optional fields are empty when not (yet) set.
 *
 * <p>{@code cpuTime} is the CPU time the handler's thread used in the last ended attempt and {@code
 * allocatedBytes} the heap memory it allocated, as its worker measured them (empty where its JVM
 * does not); {@link #duration()} is that attempt's length.
 */
public record TaskRecord(
    String id,
    String queue,
    String type,
    String payload,
    int priority,
    TaskState state,
    int attempts,
    int maxAttempts,
    long timeoutMs,
    Optional<String> idempotencyKey,
    Optional<String> correlationId,
    Optional<String> parents,
    Optional<Integer> progress,
    Optional<String> progressMessage,
    Optional<String> result,
    Optional<String> error,
    Optional<String> stackTrace,
    Optional<String> workerId,
    Instant createdAt,
    Instant queuedAt,
    Optional<Instant> startedAt,
    Optional<Instant> failedAt,
    Optional<Instant> finishedAt,
    Optional<Instant> cancelRequestedAt,
    Optional<Duration> cpuTime,
    Optional<Long> allocatedBytes) {

  /** Builds a record from the fields of a task hash. */
  public static TaskRecord fromHash(String queue, String id, Map<String, String> h) {
    return new TaskRecord(
        id,
        queue,
        h.get("type"),
        h.get("payload"),
        Integer.parseInt(h.get("priority")),
        TaskState.valueOf(h.get("state")),
        Integer.parseInt(h.get("attempts")),
        Integer.parseInt(h.get("maxAttempts")),
        Long.parseLong(h.get("timeoutMs")),
        Optional.ofNullable(h.get("idempotencyKey")),
        Optional.ofNullable(h.get("correlationId")),
        Optional.ofNullable(h.get("parents")),
        Optional.ofNullable(h.get("progress")).map(Integer::valueOf),
        Optional.ofNullable(h.get("progressMessage")),
        Optional.ofNullable(h.get("result")),
        Optional.ofNullable(h.get("error")),
        Optional.ofNullable(h.get("stackTrace")),
        Optional.ofNullable(h.get("workerId")),
        instant(h.get("createdAt")),
        instant(h.get("queuedAt")),
        Optional.ofNullable(h.get("startedAt")).map(TaskRecord::instant),
        Optional.ofNullable(h.get("failedAt")).map(TaskRecord::instant),
        Optional.ofNullable(h.get("finishedAt")).map(TaskRecord::instant),
        Optional.ofNullable(h.get("cancelRequestedAt")).map(TaskRecord::instant),
        Optional.ofNullable(h.get("cpuTimeMicros"))
            .map(micros -> Duration.ofNanos(Long.parseLong(micros) * 1000)),
        Optional.ofNullable(h.get("allocatedBytes")).map(Long::valueOf));
  }

  /**
   * How long the last ended attempt took, from its claim to its outcome by the Redis clock, as the
   * queue's duration histogram counts it; empty while none has ended since the latest claim.
   */
  public Optional<Duration> duration() {
    if (state == TaskState.RUNNING) {
      return Optional.empty();
    }
    // A failed attempt ends at failedAt; a later success, cancel or expiry at finishedAt. Either
    // may be left from an earlier attempt, from before the latest claim.
    return startedAt.flatMap(
        start ->
            failedAt
                .filter(end -> !end.isBefore(start))
                .or(() -> finishedAt.filter(end -> !end.isBefore(start)))
                .map(end -> Duration.between(start, end)));
  }

  private static Instant instant(String epochMillis) {
    return Instant.ofEpochMilli(Long.parseLong(epochMillis));
  }
}
