package dev.taskyard.core.testing;

import static org.awaitility.Awaitility.await;

import dev.taskyard.core.redis.RedisTopology;
import dev.taskyard.embedded.EmbeddedRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real Redis Cluster on loopback: three masters and a replica of each (or more, for failover
 * tests that go on replicating after a replica took over), from the operating system's {@code
 * redis-server}, joined by {@code redis-cli --cluster create}. Started once per test run (it takes
 * a few seconds); stopped when the JVM exits.
 */
public final class LocalRedisCluster implements AutoCloseable {
  private static final int MASTERS = 3;

  /**
   * Short, so that a killed master's replica takes over within a few seconds; long enough that a
   * busy two-core machine does not see a live node as failed.
   */
  private static final int NODE_TIMEOUT_MS = 2000;

  private final RedisProcesses processes = new RedisProcesses("cluster");
  private final List<Integer> ports = new ArrayList<>();
  private final int replicas;

  private LocalRedisCluster(int replicas) {
    this.replicas = replicas;
  }

  public static LocalRedisCluster start() {
    return start(1);
  }

  /** A cluster of three masters with {@code replicas} replicas each. */
  public static LocalRedisCluster start(int replicas) {
    LocalRedisCluster cluster = new LocalRedisCluster(replicas);
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
    for (int i = 0; i < MASTERS * (1 + replicas); i++) {
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
          "" + NODE_TIMEOUT_MS,
          "--save",
          "",
          "--appendonly",
          "no");
    }
    create.addAll(List.of("--cluster-replicas", "" + replicas, "--cluster-yes"));
    processes.runCli(create.toArray(String[]::new));
    for (int port : ports) {
      await("cluster state ok on port " + port)
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  String.valueOf(Resp.call(port, "CLUSTER", "INFO")).contains("cluster_state:ok"));
    }
    // A replica that never finished its first sync refuses to take over (its data counts as too
    // old): a failover test may kill a master the moment this returns.
    for (int port : ports) {
      await("replica on port " + port + " in sync")
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                String info = String.valueOf(Resp.call(port, "INFO", "replication"));
                return info.contains("role:master") || info.contains("master_link_status:up");
              });
    }
  }

  /** The cluster as the engine is configured for it: every node's address. */
  public RedisTopology topology() {
    return new RedisTopology.Cluster(
        ports.stream().map(p -> "redis://127.0.0.1:" + p).toList(), RedisTopology.Credentials.NONE);
  }

  /**
   * Kills (SIGKILL) the master that serves {@code key}'s slot, then waits until one of its replicas
   * took the slot over and the cluster is whole again.
   *
   * @return the port of the new master
   */
  public int killMasterOf(String key) {
    int live = ports.get(0);
    int slot = ((Long) Resp.call(live, "CLUSTER", "KEYSLOT", key)).intValue();
    int killed = masterOf(live, slot);
    processes.kill(killed);
    ports.remove(Integer.valueOf(killed));
    int[] promoted = new int[1];
    for (int port : ports) {
      await("a replica serves slot " + slot + " on port " + port + " after " + killed + " died")
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                promoted[0] = masterOf(port, slot);
                return promoted[0] > 0
                    && promoted[0] != killed
                    && String.valueOf(Resp.call(port, "CLUSTER", "INFO"))
                        .contains("cluster_state:ok");
              });
    }
    await("the new master on port " + promoted[0] + " has its remaining replicas")
        .atMost(Duration.ofSeconds(60))
        .until(() -> RedisProcesses.connectedReplicas(promoted[0]) >= replicas - 1);
    return promoted[0];
  }

  /** The port of the master serving {@code slot}, as the node on {@code port} sees it. */
  private static int masterOf(int port, int slot) {
    for (String line : String.valueOf(Resp.call(port, "CLUSTER", "NODES")).split("\n")) {
      String[] fields = line.trim().split(" ");
      if (fields.length < 9 || !fields[2].contains("master") || fields[2].contains("fail")) {
        continue;
      }
      for (int i = 8; i < fields.length; i++) {
        String[] range = fields[i].split("-");
        if (range[0].startsWith("[")) {
          continue; // a slot being migrated
        }
        int from = Integer.parseInt(range[0]);
        int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
        if (slot >= from && slot <= to) {
          // ip:port@busport
          return Integer.parseInt(fields[1].replaceAll("^.*:(\\d+)@.*$", "$1"));
        }
      }
    }
    return -1;
  }

  @Override
  public void close() {
    processes.close();
  }
}
