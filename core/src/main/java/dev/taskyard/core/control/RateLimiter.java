package dev.taskyard.core.control;

import dev.taskyard.core.InvalidInputException;
import dev.taskyard.core.redis.LuaScript;
import dev.taskyard.core.redis.QueueKeys;
import dev.taskyard.core.redis.ScriptRunner;
import java.time.Duration;
import java.util.List;

/**
 * Rate limiters shared by every node, by name: for example one per client that submits, so that no
 * client floods a queue. A token bucket in Redis; each call is one atomic step that says how long
 * to wait when refused.
 */
public final class RateLimiter {
  private final ScriptRunner scripts;

  public RateLimiter(ScriptRunner scripts) {
    this.scripts = scripts;
  }

  /**
   * A limit: {@code perSecond} permits a second on average, at most {@code burst} at once.
   *
   * @param perSecond permits added per second
   * @param burst most permits available at once
   */
  public record Limit(double perSecond, int burst) {
    public Limit {
      if (!(perSecond > 0 && perSecond <= QueueSettings.MAX_RATE)) {
        throw new InvalidInputException(
            "perSecond", "must be above 0 and at most " + QueueSettings.MAX_RATE);
      }
      if (burst < 1) {
        throw new InvalidInputException("burst", "must be at least 1");
      }
    }
  }

  /**
   * Takes {@code permits} from the limiter called {@code name}, all or none.
   *
   * @return {@link Duration#ZERO} when granted, else how long to wait before asking again
   */
  public Duration acquire(String name, Limit limit, int permits) {
    QueueNames.check(name);
    if (permits < 1 || permits > limit.burst()) {
      throw new InvalidInputException("permits", "must be 1 to the burst of " + limit.burst());
    }
    long waitMs =
        scripts
            .run(
                LuaScript.ACQUIRE_PERMITS,
                List.of(QueueKeys.limiter(name), QueueKeys.limiterRequest(name)),
                List.of(
                    Double.toString(limit.perSecond()),
                    Integer.toString(limit.burst()),
                    Integer.toString(permits)))
            .number(0);
    return Duration.ofMillis(waitMs);
  }
}
