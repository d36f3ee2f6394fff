package dev.taskyard.core.testing;

import dev.taskyard.core.Taskyard;
import dev.taskyard.core.TaskyardOptions;
import dev.taskyard.core.redis.QueueKeys;
import dev.taskyard.embedded.EmbeddedRedis;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisNode.InfoSection;
import org.redisson.api.redisnode.RedisNodes;
import org.redisson.client.codec.StringCodec;

/**
 * The Redis server of a test run, started once per JVM: the server at {@code TASKYARD_REDIS_URL}
 * when that is set, otherwise a real redis-server binary from the embedded-redis artifact on a free
 * loopback port.
 */
public final class TestRedis {
  private static TestRedis instance;

  private final String url;
  private final RedissonClient redisson;
  private final Taskyard taskyard;

  private TestRedis() {
    String configured = System.getenv("TASKYARD_REDIS_URL");
    if (configured != null && !configured.isBlank()) {
      url = configured;
    } else {
      url = EmbeddedRedis.start().url(); // stopped by its shutdown hook
    }
    redisson = Redisson.create(Taskyard.redisConfig(url));
    taskyard = Taskyard.create(redisson, TaskyardOptions.defaults());
  }

  public static synchronized TestRedis get() {
    if (instance == null) {
      instance = new TestRedis();
    }
    return instance;
  }

  public String url() {
    return url;
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
    return Taskyard.connect(url);
  }

  /** Removes a test queue: every key of it, and its name from the registered queues. */
  public void removeQueue(String queue) {
    redisson.getKeys().deleteByPattern("ty:{" + queue + "}:*");
    redisson.getSet(QueueKeys.QUEUES, StringCodec.INSTANCE).remove(queue);
  }

  /** Calls per command name since the server started ({@code INFO commandstats}). */
  public Map<String, Long> commandCalls() {
    Map<String, String> info =
        redisson.getRedisNodes(RedisNodes.SINGLE).getInstance().info(InfoSection.COMMANDSTATS);
    Map<String, Long> calls = new HashMap<>();
    info.forEach(
        (name, stats) ->
            calls.put(
                name.replaceFirst("^cmdstat_", ""),
                Long.parseLong(stats.replaceAll("^calls=(\\d+).*", "$1"))));
    return calls;
  }

  /** Total commands the server has run, those run by scripts included. */
  public long totalCommandCalls() {
    return commandCalls().values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * Closes every client's pub/sub connection ({@code CLIENT KILL TYPE pubsub}), as a network blip
   * would; Redisson then subscribes again. Returns how many were closed.
   */
  public long killPubSubConnections() {
    URI uri = URI.create(url);
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      socket
          .getOutputStream()
          .write("CLIENT KILL TYPE pubsub\r\n".getBytes(StandardCharsets.US_ASCII));
      String reply =
          new BufferedReader(
                  new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
              .readLine();
      if (!reply.startsWith(":")) {
        throw new IllegalStateException("CLIENT KILL answered " + reply);
      }
      return Long.parseLong(reply.substring(1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
