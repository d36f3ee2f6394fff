package dev.taskyard.app.history;

import java.time.Instant;

/**
 * A task's row in the history: its latest archived state.
 *
 * @param cpuTimeMicros the CPU time its last measured attempt used, and {@code allocatedBytes} the
 *     heap memory it allocated; null where not measured
 */
public record TaskHistory(
    String id,
    String queue,
    String type,
    String state,
    int priority,
    int attempts,
    String correlationId,
    String error,
    String worker,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    Instant updatedAt,
    Long waitMs,
    Long runMs,
    Long cpuTimeMicros,
    Long allocatedBytes) {}
