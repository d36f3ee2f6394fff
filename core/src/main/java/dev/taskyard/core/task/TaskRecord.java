package dev.taskyard.core.task;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A task's full record as kept in Redis. Optional fields are empty when not (yet) set.
 *
 * <p>{@code duration} and {@code cpuTime} describe the last finished attempt as its worker measured
 * them: the handler's wall-clock time and its thread's CPU time. {@code finishedAt - startedAt} is
 * longer: it also counts the hand-off to a thread and the acknowledgement.
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
    Optional<Duration> duration,
    Optional<Duration> cpuTime) {

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
        Optional.ofNullable(h.get("durationMicros")).map(TaskRecord::micros),
        Optional.ofNullable(h.get("cpuTimeMicros")).map(TaskRecord::micros));
  }

  private static Duration micros(String value) {
    return Duration.ofNanos(Long.parseLong(value) * 1000);
  }

  private static Instant instant(String epochMillis) {
    return Instant.ofEpochMilli(Long.parseLong(epochMillis));
  }
}
