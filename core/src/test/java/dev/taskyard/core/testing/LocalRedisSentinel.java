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
 * A real Sentinel setup on loopback: a master, its replica and three Sentinels watching them, from
 * the operating system's {@code redis-server} ({@code --sentinel}). Started once per test run;
 * stopped when the JVM exits.
 */
public final class LocalRedisSentinel implements AutoCloseable {
  public static final String MASTER = "taskyard";
  private static final int SENTINELS = 3;

  private final RedisProcesses processes = new RedisProcesses("sentinel");
  private final List<Integer> sentinelPorts = new ArrayList<>();

  private LocalRedisSentinel() {}

  public static LocalRedisSentinel start() {
    LocalRedisSentinel sentinel = new LocalRedisSentinel();
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
    int replica = EmbeddedRedis.freePort();
    String[] common = {"--bind", "127.0.0.1", "--save", "", "--appendonly", "no"};
    processes.startServer(master, common);
    List<String> replicaArgs = new ArrayList<>(List.of(common));
    replicaArgs.addAll(List.of("--replicaof", "127.0.0.1", "" + master));
    processes.startServer(replica, replicaArgs.toArray(String[]::new));
    await("replica in sync")
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                String.valueOf(Resp.call(replica, "INFO", "replication"))
                    .contains("master_link_status:up"));
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
              "sentinel down-after-milliseconds " + MASTER + " 3000",
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
                assertThat((List<?>) Resp.call(port, "SENTINEL", "REPLICAS", MASTER)).hasSize(1);
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

  @Override
  public void close() {
    processes.close();
  }
}
