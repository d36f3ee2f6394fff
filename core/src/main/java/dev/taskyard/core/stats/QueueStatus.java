package dev.taskyard.core.stats;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A queue's state at one moment, read in O(1) whatever its length.
 *
 * @param waiting tasks waiting for their dependencies
 * @param oldestQueuedAge how long the oldest queued task has waited; empty when none is queued
 * @param totals counters since the queue was created
 * @param at the Redis server's time of the reading
 */
public record QueueStatus(
    String queue,
    long queued,
    long scheduled,
    long waiting,
    long running,
    long dead,
    boolean paused,
    Optional<Duration> oldestQueuedAge,
    Totals totals,
    Instant at) {

  /**
   * Monotonic counters. {@code failed} counts failed attempts, each of which was either {@code
   * retried} or dead-lettered; {@code deadLettered} also counts leases that expired with no
   * attempts left; {@code replayed} counts operator retries of ended tasks; {@code
   * deadLettersTrimmed} counts dead letters deleted by their retention; {@code recordsLost} counts
   * queued tasks whose record was gone when claimed (evicted by Redis: see {@code
   * maxmemory-policy}), dropped without running.
   */
  public record Totals(
      long enqueued,
      long succeeded,
      long failed,
      long retried,
      long deadLettered,
      long leasesExpired,
      long replayed,
      long cancelled,
      long deadLettersTrimmed,
      long recordsLost) {}
}
