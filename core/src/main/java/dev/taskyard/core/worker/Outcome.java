package dev.taskyard.core.worker;

import java.time.Instant;
import java.util.Optional;

/**
 * What became of a finished attempt once acknowledged.
 *
 * @param retryAt when a retry was scheduled, the time it falls due
 */
public record Outcome(Kind kind, Optional<Instant> retryAt) {
  public enum Kind {
    SUCCEEDED,
    /** Failed and scheduled to run again. */
    RETRY_SCHEDULED,
    /** Failed with no attempts left, or not retryable: dead-lettered. */
    DEAD_LETTERED,
    /** Cancellation was requested while it ran: it ended CANCELLED and its result was dropped. */
    CANCELLED,
    /** The lease was no longer held (reaped, released, cancelled): the outcome was discarded. */
    LEASE_LOST
  }
}
