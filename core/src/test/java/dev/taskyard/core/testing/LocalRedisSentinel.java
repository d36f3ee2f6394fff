package dev.taskyard.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskyard.core.redis.RedisTopology;
import dev.taskyard.embedded.EmbeddedRedis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A real Sentinel setup on loopback: a master, its replica (or more, for failover tests that go on
 * replicating after a replica took over) and three Sentinels watching them, from the operating
 * system's {@code redis-server} ({@code --sentinel}). Started once per test run; stopped when the
 * JVM exits.
 */
public final class LocalRedisSentinel implements AutoCloseable {
  public static final String MASTER = "taskyard";
  private static final int SENTINELS = 3;

  /**
   * Short, so that a killed master's replica takes over within a few seconds; long enough that a
   * busy two-core machine does not see a live master as down.
   */
  private static final int DOWN_AFTER_MS = 2000;

  private final RedisProcesses processes = new RedisProcesses("sentinel");
  private final List<Integer> sentinelPorts = new ArrayList<>();
  private final int replicas;

  private LocalRedisSentinel(int replicas) {
    this.replicas = replicas;
  }

  public static LocalRedisSentinel start() {
    return start(1);
  }

  /** A master with {@code replicas} replicas, watched by three Sentinels. */
  public static LocalRedisSentinel start(int replicas) {
    LocalRedisSentinel sentinel = new LocalRedisSentinel(replicas);
    try {
      sentinel.startNodes();
      return sentinel;
    } catch (RuntimeException e) {
      sentinel.close();
      throw e;
    }
  }

  private void startNodes() {
    int master = EmbeddedRedis.freePort();
    String[] common = {"--bind", "127.0.0.1", "--save", "", "--appendonly", "no"};
    processes.startServer(master, common);
    for (int i = 0; i < replicas; i++) {
      int replica = EmbeddedRedis.freePort();
      List<String> replicaArgs = new ArrayList<>(List.of(common));
      replicaArgs.addAll(List.of("--replicaof", "127.0.0.1", "" + master));
      processes.startServer(replica, replicaArgs.toArray(String[]::new));
      await("replica in sync")
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  String.valueOf(Resp.call(replica, "INFO", "replication"))
                      .contains("master_link_status:up"));
    }
    for (int i = 0; i < SENTINELS; i++) {
      int port = EmbeddedRedis.freePort();
      sentinelPorts.add(port);
      // Sentinel rewrites its configuration file, so each has its own.
      Path conf = processes.dir().resolve("sentinel-" + port + ".conf");
      write(
          conf,
          String.join(
              "\n",
              "bind 127.0.0.1",
              "sentinel monitor " + MASTER + " 127.0.0.1 " + master + " 2",
              "sentinel down-after-milliseconds " + MASTER + " " + DOWN_AFTER_MS,
              "sentinel failover-timeout " + MASTER + " 10000",
              ""));
      processes.startSentinel(port, conf);
    }
    // The client checks that the Sentinels know each other and the replica; they learn both from
    // hello messages every two seconds.
    for (int port : sentinelPorts) {
      await("Sentinel on port " + port + " knows the others and the replica")
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                assertThat((List<?>) Resp.call(port, "SENTINEL", "SENTINELS", MASTER))
                    .hasSize(SENTINELS - 1);
                assertThat((List<?>) Resp.call(port, "SENTINEL", "REPLICAS", MASTER))
                    .hasSize(replicas);
              });
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The setup as the engine is configured for it: the master's name and the Sentinels. */
  public RedisTopology topology() {
    return new RedisTopology.Sentinel(
        MASTER,
        sentinelPorts.stream().map(p -> "redis://127.0.0.1:" + p).toList(),
        RedisTopology.Credentials.NONE,
        Optional.empty());
  }

  /**
   * Kills (SIGKILL) the current master, then waits until every Sentinel names a replica as the new
   * master and the remaining replicas replicate from it.
   *
   * @return the port of the new master
   */
  public int killMaster() {
    int killed = masterPort(sentinelPorts.get(0));
    processes.kill(killed);
    int[] promoted = new int[1];
    for (int port : sentinelPorts) {
      await("Sentinel on port " + port + " names a new master after " + killed + " died")
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                promoted[0] = masterPort(port);
                return promoted[0] != killed;
              });
    }
    await("the new master on port " + promoted[0] + " has its remaining replicas")
        .atMost(Duration.ofSeconds(60))
        .until(() -> RedisProcesses.connectedReplicas(promoted[0]) >= replicas - 1);
    return promoted[0];
  }

  private static int masterPort(int sentinelPort) {
    List<?> address =
        (List<?>) Resp.call(sentinelPort, "SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER);
    return Integer.parseInt(String.valueOf(address.get(1)));
  }

  @Override
  public void close() {
    processes.close();
  }
}
