package dev.taskyard.core.redis;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.BaseRedisNodes;
import org.redisson.api.redisnode.RedisNode;
import org.redisson.api.redisnode.RedisNodes;

/**
 * The master nodes of a client's Redis, whatever its topology: one server, the master Sentinel
 * names, or every master of a cluster. Server-wide questions (settings, clock, command counts) are
 * asked of these.
 */
public final class RedisMasters {
  private RedisMasters() {}

  /** The masters as the client knows them now; a cluster's in no particular order. */
  public static List<RedisNode> of(RedissonClient redisson) {
    if (redisson.getConfig().isClusterConfig()) {
      return List.copyOf(redisson.getRedisNodes(RedisNodes.CLUSTER).getMasters());
    }
    if (redisson.getConfig().isSentinelConfig()) {
      return List.of(redisson.getRedisNodes(RedisNodes.SENTINEL_MASTER_SLAVE).getMaster());
    }
    return List.of(redisson.getRedisNodes(RedisNodes.SINGLE).getInstance());
  }

  /** One master: the only one, or any of a cluster's (for its clock, say). */
  public static RedisNode any(RedissonClient redisson) {
    return of(redisson).get(0);
  }

  /** True when every node the client uses (masters and replicas) answers within the timeout. */
  public static boolean pingAll(RedissonClient redisson, long timeout, TimeUnit unit) {
    return nodes(redisson).pingAll(timeout, unit);
  }

  private static BaseRedisNodes nodes(RedissonClient redisson) {
    if (redisson.getConfig().isClusterConfig()) {
      return redisson.getRedisNodes(RedisNodes.CLUSTER);
    }
    if (redisson.getConfig().isSentinelConfig()) {
      return redisson.getRedisNodes(RedisNodes.SENTINEL_MASTER_SLAVE);
    }
    return redisson.getRedisNodes(RedisNodes.SINGLE);
  }
}
