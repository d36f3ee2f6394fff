package dev.taskyard.core.worker;

import java.time.Instant;
import java.util.Optional;

/** A task leased to a worker; {@code (id, leaseToken)} identifies the lease ({@link Lease}). */
public record ClaimedTask(
    String queue,
    String id,
    String type,
    String payload,
    int attempt,
    int maxAttempts,
    long timeoutMs,
    int priority,
    Optional<String> correlationId,
    Instant createdAt,
    Instant startedAt,
    String leaseToken) {}
