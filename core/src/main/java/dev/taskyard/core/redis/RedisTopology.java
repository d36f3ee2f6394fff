package dev.taskyard.core.redis;

import java.util.List;
import java.util.Optional;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.BaseConfig;
import org.redisson.config.BaseMasterSlaveServersConfig;
import org.redisson.config.Config;
import org.redisson.config.ReadMode;
import org.redisson.config.SubscriptionMode;

/**
 * The Redis a Taskyard process talks to: one server, a master found through Sentinel, or a Redis
 * Cluster. Every module (application, exporter, launcher, benchmark) reads it from the same
 * settings with {@link #parse} and builds its client from {@link #config()}.
 */
public sealed interface RedisTopology {
  /** How often the client reads a cluster's layout, in milliseconds. */
  int CLUSTER_SCAN_INTERVAL_MS = 1000;

  /** One server: {@code redis://[[user]:password@]host:port[/db]}, {@code rediss://} for TLS. */
  String URL = "taskyard.redis.url";

  /** The name Sentinel knows the master by ({@code sentinel monitor <name> ...}). */
  String SENTINEL_MASTER = "taskyard.redis.sentinel.master";

  /** The Sentinels, {@code host:port,host:port} (or {@code redis://} / {@code rediss://} each). */
  String SENTINEL_NODES = "taskyard.redis.sentinel.nodes";

  /** The Sentinels' own password ({@code requirepass} in sentinel.conf), when they have one. */
  String SENTINEL_PASSWORD = "taskyard.redis.sentinel.password";

  /** Some of the cluster's nodes, {@code host:port,host:port}: the client discovers the rest. */
  String CLUSTER_NODES = "taskyard.redis.cluster.nodes";

  /** The ACL user of the data nodes (masters and replicas), when not {@code default}. */
  String USERNAME = "taskyard.redis.username";

  /** The password of the data nodes; a single server's may be in its URL instead. */
  String PASSWORD = "taskyard.redis.password";

  /** What a submit's acknowledgement means: {@code async} (default) or {@code replicated}. */
  String DURABILITY = "taskyard.redis.durability";

  /** How long a submit at {@code replicated} waits for a replica, in milliseconds. */
  String REPLICATION_TIMEOUT_MS = "taskyard.redis.replication-timeout-ms";

  /** One Redis server at {@code url}. */
  record SingleServer(String url) implements RedisTopology {
    @Override
    public String describe() {
      return url.replaceFirst("//[^@/]*@", "//***@");
    }

    @Override
    public String toString() {
      return describe();
    }
  }

  /** The master that the Sentinels at {@code nodes} name {@code master}, and its replicas. */
  record Sentinel(
      String master, List<String> nodes, Credentials credentials, Optional<String> sentinelPassword)
      implements RedisTopology {
    public Sentinel {
      nodes = List.copyOf(nodes);
    }

    @Override
    public String describe() {
      return "Sentinel master " + master + " via " + String.join(",", nodes);
    }

    @Override
    public String toString() {
      return describe();
    }
  }

  /** The Redis Cluster that {@code nodes} belong to. */
  record Cluster(List<String> nodes, Credentials credentials) implements RedisTopology {
    public Cluster {
      nodes = List.copyOf(nodes);
    }

    @Override
    public String describe() {
      return "Redis Cluster via " + String.join(",", nodes);
    }

    @Override
    public String toString() {
      return describe();
    }
  }

  /** The user and password for the data nodes, each optional. */
  record Credentials(Optional<String> username, Optional<String> password) {
    public static final Credentials NONE = new Credentials(Optional.empty(), Optional.empty());

    @Override
    public String toString() {
      return "Credentials[username=" + username.orElse("") + "]";
    }
  }

  /** Where this topology is, without passwords: for logs and start-up messages (and toString). */
  String describe();

  static RedisTopology single(String url) {
    return new SingleServer(url);
  }

  /**
   * Reads exactly one topology: {@value #URL}, or {@value #SENTINEL_MASTER} with {@value
   * #SENTINEL_NODES}, or {@value #CLUSTER_NODES}.
   *
   * @throws IllegalArgumentException naming the setting that is wrong, missing or one too many
   */
  static RedisTopology parse(RedisSettings settings) {
    return new TopologyParser(settings).topology();
  }

  /**
   * Reads {@value #DURABILITY} and {@value #REPLICATION_TIMEOUT_MS}; {@code replicated} needs a
   * Sentinel or a Cluster, which have replicas to wait for.
   *
   * @throws IllegalArgumentException naming the setting that is wrong, or the topology's
   */
  static Durability durability(RedisSettings settings) {
    return new TopologyParser(settings).durability();
  }

  /**
   * The Redisson settings the engine is tuned for, for this topology; callers adjust timeouts
   * through {@link #servers(Config)}.
   */
  default Config config() {
    Config config = new Config();
    config.setCodec(StringCodec.INSTANCE);
    config.setUseScriptCache(true);
    // Taskyard passes plain strings; reference checks cost ~10% of the client's CPU per argument.
    config.setReferenceEnabled(false);
    if (this instanceof SingleServer single) {
      config.useSingleServer().setAddress(single.url()).setConnectionMinimumIdleSize(4);
    } else if (this instanceof Sentinel sentinel) {
      var servers =
          config
              .useSentinelServers()
              .setMasterName(sentinel.master())
              .addSentinelAddress(sentinel.nodes().toArray(String[]::new));
      sentinel.sentinelPassword().ifPresent(servers::setSentinelPassword);
      masterOnly(servers);
      credentials(config, sentinel.credentials());
    } else if (this instanceof Cluster cluster) {
      masterOnly(
          config
              .useClusterServers()
              .addNodeAddress(cluster.nodes().toArray(String[]::new))
              // Redisson learns of a promoted replica from this scan (CLUSTER NODES on one node):
              // at its default 5 s, work stalled about 3 s longer than the failover itself.
              .setScanInterval(CLUSTER_SCAN_INTERVAL_MS));
      credentials(config, cluster.credentials());
    }
    return config;
  }

  /**
   * Reads and subscribes on masters only: the engine reads what it has just written (a replica may
   * not have it yet), and replicas are there for failover, not load.
   */
  private static void masterOnly(BaseMasterSlaveServersConfig<?> servers) {
    servers
        .setReadMode(ReadMode.MASTER)
        .setSubscriptionMode(SubscriptionMode.MASTER)
        .setMasterConnectionMinimumIdleSize(4)
        .setSlaveConnectionMinimumIdleSize(1)
        .setSubscriptionConnectionMinimumIdleSize(1);
  }

  private static void credentials(Config config, Credentials credentials) {
    credentials.username().ifPresent(config::setUsername);
    credentials.password().ifPresent(config::setPassword);
  }

  /** The servers part of {@code config}, whichever topology it uses: timeouts and retries. */
  static BaseConfig<?> servers(Config config) {
    if (config.isClusterConfig()) {
      return config.useClusterServers();
    }
    if (config.isSentinelConfig()) {
      return config.useSentinelServers();
    }
    return config.useSingleServer();
  }

  /** Sets how many connections to each master {@code config} keeps open while idle. */
  static void minimumIdleConnections(Config config, int connections) {
    BaseConfig<?> servers = servers(config);
    if (servers instanceof BaseMasterSlaveServersConfig<?> masterSlave) {
      masterSlave.setMasterConnectionMinimumIdleSize(connections);
    } else {
      config.useSingleServer().setConnectionMinimumIdleSize(connections);
    }
  }
}
