package dev.taskyard.app.metrics;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Leases in Redis that let one node of the cluster run a job: the holder renews its lease on every
 * run; when it stops or dies, the lease expires and another node takes over. A lease is a key
 * holding this node's id with a TTL, taken or renewed by one script call.
 */
@ApplicationScoped
public class ClusterLease {
  static final String KEY_PREFIX = "ty:metrics:lease:";

  // KEYS[1] lease key; ARGV[1] node id, ARGV[2] lease ms. Returns 1 when this node holds it.
  private static final String HOLD =
      "local holder = redis.call('GET', KEYS[1]) "
          + "if holder == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end "
          + "if holder then return 0 end "
          + "redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1";
  // KEYS[1] lease key; ARGV[1] node id. Deletes the lease if this node holds it.
  private static final String RELEASE =
      "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";

  private final String nodeId = UUID.randomUUID().toString();
  private final Set<String> held = ConcurrentHashMap.newKeySet();

  @Inject RedissonClient redisson;

  /** Takes or renews the lease {@code name} for {@code length}; true if this node holds it. */
  public boolean hold(String name, Duration length) {
    Long result =
        script()
            .eval(
                RScript.Mode.READ_WRITE,
                HOLD,
                RScript.ReturnType.LONG,
                List.of(KEY_PREFIX + name),
                nodeId,
                Long.toString(length.toMillis()));
    boolean holds = result != null && result == 1;
    if (holds) {
      held.add(name);
    } else {
      held.remove(name);
    }
    return holds;
  }

  /** Hands the leases over at once when the application stops. */
  @PreDestroy
  void releaseAll() {
    for (String name : held) {
      try {
        script()
            .eval(
                RScript.Mode.READ_WRITE,
                RELEASE,
                RScript.ReturnType.LONG,
                List.of(KEY_PREFIX + name),
                nodeId);
      } catch (RuntimeException e) {
        // Redis away: the lease expires by itself.
      }
    }
  }

  private RScript script() {
    return redisson.getScript(StringCodec.INSTANCE);
  }
}
