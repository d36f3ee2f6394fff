package dev.taskyard.core.redis;

import java.time.Duration;
import java.util.UUID;

/**
 * Request ids of the state-changing scripts that remember their reply ({@link QueueKeys#request}):
 * Redisson resends EVAL and EVALSHA when a reply is late, and a resent request must answer as the
 * first did rather than, say, 404 for a task it deleted.
 */
public final class Requests {
  /**
   * How long a reply is remembered: far longer than Redisson's resends of one command take
   * (attempts x (response timeout + retry interval), a few seconds).
   */
  public static final Duration MEMORY = Duration.ofMinutes(1);

  private Requests() {}

  static String newId() {
    return UUID.randomUUID().toString();
  }
}
