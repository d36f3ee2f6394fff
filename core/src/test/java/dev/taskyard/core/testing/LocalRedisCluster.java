package dev.taskyard.core.testing;

import static org.awaitility.Awaitility.await;

import dev.taskyard.core.redis.RedisTopology;
import dev.taskyard.embedded.EmbeddedRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real Redis Cluster on loopback: three masters and a replica of each, from the operating
 * system's {@code redis-server}, joined by {@code redis-cli --cluster create}. Started once per
 * test run (it takes a few seconds); stopped when the JVM exits.
 */
public final class LocalRedisCluster implements AutoCloseable {
  private static final int NODES = 6;

  private final RedisProcesses processes = new RedisProcesses("cluster");
  private final List<Integer> ports = new ArrayList<>();

  private LocalRedisCluster() {}

  public static LocalRedisCluster start() {
    LocalRedisCluster cluster = new LocalRedisCluster();
    try {
      cluster.startNodes();
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  private void startNodes() {
    List<String> create = new ArrayList<>(List.of("--cluster", "create"));
    for (int i = 0; i < NODES; i++) {
      int port = EmbeddedRedis.freePort();
      ports.add(port);
      create.add("127.0.0.1:" + port);
      processes.startServer(
          port,
          "--bind",
          "127.0.0.1",
          // The bus port apart from port + 10000, which may not exist above 55535.
          "--cluster-port",
          "" + EmbeddedRedis.freePort(),
          "--cluster-enabled",
          "yes",
          "--cluster-config-file",
          "nodes-" + port + ".conf",
          "--cluster-node-timeout",
          "3000",
          "--save",
          "",
          "--appendonly",
          "no");
    }
    create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
    processes.runCli(create.toArray(String[]::new));
    for (int port : ports) {
      await("cluster state ok on port " + port)
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  String.valueOf(Resp.call(port, "CLUSTER", "INFO")).contains("cluster_state:ok"));
    }
  }

  /** The cluster as the engine is configured for it: every node's address. */
  public RedisTopology topology() {
    return new RedisTopology.Cluster(
        ports.stream().map(p -> "redis://127.0.0.1:" + p).toList(), RedisTopology.Credentials.NONE);
  }

  @Override
  public void close() {
    processes.close();
  }
}
