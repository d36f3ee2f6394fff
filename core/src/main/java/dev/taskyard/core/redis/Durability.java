package dev.taskyard.core.redis;

import java.time.Duration;

/**
 * What a producer's acknowledgement means: {@link Level#ASYNC} (the master has the task) or {@link
 * Level#REPLICATED} (a replica has it too, so a failover does not lose it). Read with the topology
 * by {@link RedisTopology#durability}.
 *
 * @param replicationTimeout how long a submit at {@code REPLICATED} waits for a replica
 */
public record Durability(Level level, Duration replicationTimeout) {
  /** How long a submit waits for a replica unless told otherwise. */
  public static final Duration DEFAULT_REPLICATION_TIMEOUT = Duration.ofSeconds(1);

  /** The default: acknowledged once the master has it, no extra round trip. */
  public static final Durability ASYNC = new Durability(Level.ASYNC, DEFAULT_REPLICATION_TIMEOUT);

  public enum Level {
    /**
     * Acknowledged once the master has the write. A master that dies before its replica copied the
     * write loses it: the loss window is the replication lag, usually under a millisecond.
     */
    ASYNC,
    /** Acknowledged once at least one replica confirmed the write ({@code WAIT 1 <timeout>}). */
    REPLICATED
  }

  public Durability {
    if (replicationTimeout.isNegative() || replicationTimeout.isZero()) {
      // WAIT's timeout 0 means "forever": a submit must never block without bound.
      throw new IllegalArgumentException("replicationTimeout must be positive");
    }
  }

  /** Replicated writes, each submit waiting at most {@code timeout} for a replica. */
  public static Durability replicated(Duration timeout) {
    return new Durability(Level.REPLICATED, timeout);
  }

  public boolean replicated() {
    return level == Level.REPLICATED;
  }
}
