package dev.taskyard.core.testing;

import dev.taskyard.core.Taskyard;
import dev.taskyard.core.TaskyardOptions;
import dev.taskyard.core.redis.QueueKeys;
import dev.taskyard.core.redis.RedisMasters;
import dev.taskyard.core.redis.RedisTopology;
import dev.taskyard.embedded.EmbeddedRedis;
import java.util.HashMap;
import java.util.Map;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisNode;
import org.redisson.api.redisnode.RedisNode.InfoSection;
import org.redisson.client.codec.StringCodec;

/**
 * The Redis of a test run, started once per JVM. By default one server: the one at {@code
 * TASKYARD_REDIS_URL} when that is set, otherwise a real redis-server binary from the
 * embedded-redis artifact on a free loopback port. The system property {@value #TOPOLOGY} = {@code
 * cluster} or {@code sentinel} starts a {@link LocalRedisCluster} or {@link LocalRedisSentinel}
 * instead, so that the same tests run on those topologies.
 */
public final class TestRedis {
  /** The system property choosing the topology: {@code single} (default), cluster, sentinel. */
  public static final String TOPOLOGY = "taskyard.it.topology";

  private static TestRedis instance;
  private static RuntimeException failedStart;

  private final RedisTopology topology;
  private final RedissonClient redisson;
  private final Taskyard taskyard;

  private TestRedis() {
    topology = start(System.getProperty(TOPOLOGY, "single"));
    redisson = Redisson.create(topology.config());
    taskyard = Taskyard.create(redisson, TaskyardOptions.defaults());
  }

  private static RedisTopology start(String kind) {
    return switch (kind) {
      case "single" -> {
        String configured = System.getenv("TASKYARD_REDIS_URL");
        yield RedisTopology.single(
            configured != null && !configured.isBlank()
                ? configured
                : EmbeddedRedis.start().url()); // stopped by its shutdown hook
      }
      case "cluster" -> LocalRedisCluster.start().topology(); // stopped at JVM exit
      case "sentinel" -> LocalRedisSentinel.start().topology(); // stopped at JVM exit
      default ->
          throw new IllegalArgumentException(
              TOPOLOGY + " must be single, cluster or sentinel, not " + kind);
    };
  }

  public static synchronized TestRedis get() {
    if (failedStart != null) {
      throw failedStart; // a cluster that did not start once is not started again for each test
    }
    if (instance == null) {
      try {
        instance = new TestRedis();
      } catch (RuntimeException e) {
        failedStart = e;
        throw e;
      }
    }
    return instance;
  }

  public RedisTopology topology() {
    return topology;
  }

  /**
   * The single server's URL, for tests that need one server (a plain socket to it, a restart).
   *
   * @throws IllegalStateException when this run uses a cluster or Sentinel
   */
  public String url() {
    if (topology instanceof RedisTopology.SingleServer single) {
      return single.url();
    }
    throw new IllegalStateException("this test needs a single Redis server, not " + topology);
  }

  /** A shared engine on the shared client: cheap, and what most tests need. */
  public Taskyard taskyard() {
    return taskyard;
  }

  public RedissonClient redisson() {
    return redisson;
  }

  /** A separate engine with its own connections, as on another node. Close it after use. */
  public Taskyard newNode() {
    return Taskyard.connect(topology);
  }

  /** Removes a test queue: every key of it, and its name from the registered queues. */
  public void removeQueue(String queue) {
    redisson.getKeys().deleteByPattern("ty:{" + queue + "}:*");
    redisson.getSet(QueueKeys.QUEUES, StringCodec.INSTANCE).remove(queue);
  }

  /**
   * Calls per command name since the servers started, over every master ({@code INFO
   * commandstats}).
   */
  public Map<String, Long> commandCalls() {
    Map<String, Long> calls = new HashMap<>();
    for (RedisNode master : RedisMasters.of(redisson)) {
      master
          .info(InfoSection.COMMANDSTATS)
          .forEach(
              (name, stats) ->
                  calls.merge(
                      name.replaceFirst("^cmdstat_", ""),
                      Long.parseLong(stats.replaceAll("^calls=(\\d+).*", "$1")),
                      Long::sum));
    }
    return calls;
  }

  /** Total commands the servers have run, those run by scripts included. */
  public long totalCommandCalls() {
    return commandCalls().values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * Closes every client's pub/sub connection on every master ({@code CLIENT KILL TYPE pubsub}), as
   * a network blip would; Redisson then subscribes again. Returns how many were closed.
   */
  public long killPubSubConnections() {
    long killed = 0;
    for (RedisNode master : RedisMasters.of(redisson)) {
      killed += (Long) Resp.call(master.getAddr(), "CLIENT", "KILL", "TYPE", "pubsub");
    }
    return killed;
  }
}
