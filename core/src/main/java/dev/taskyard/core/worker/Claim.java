package dev.taskyard.core.worker;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one claim leased.
 *
 * @param at the Redis server's time of the claim
 * @param nextDue when nothing was leased: when the next scheduled task falls due, if any
 * @param atConcurrencyLimit when nothing was leased because the queue's global concurrency is used
 */
public record Claim(
    Instant at, Optional<Instant> nextDue, boolean atConcurrencyLimit, List<ClaimedTask> tasks) {}
