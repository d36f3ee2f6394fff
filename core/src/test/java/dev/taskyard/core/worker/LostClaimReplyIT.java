package dev.taskyard.core.worker;

import static dev.taskyard.core.testing.TaskFixtures.NOOP;
import static dev.taskyard.core.testing.TaskFixtures.aTask;
import static dev.taskyard.core.testing.TaskFixtures.aTaskOfType;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskyard.core.Taskyard;
import dev.taskyard.core.TaskyardOptions;
import dev.taskyard.core.enqueue.Submission;
import dev.taskyard.core.redis.RedisTopology;
import dev.taskyard.core.task.TaskState;
import dev.taskyard.core.testing.RedisQueue;
import dev.taskyard.core.testing.TestRedis;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/**
 * A claim whose reply is lost: Redis runs it late, after the worker's client gave up waiting (a
 * response timeout), as when Redis stalls or the network drops a reply. Redis is stalled for real
 * with {@code CLIENT PAUSE ... WRITE}, which holds every script until the pause ends and then runs
 * them in order.
 */
class LostClaimReplyIT {
  /** Far longer than any wait below: a task that waits for its lease to expire fails the test. */
  private static final Duration LEASE = Duration.ofMinutes(10);

  private static final Duration RESPONSE_TIMEOUT = Duration.ofMillis(300);
  private static final Duration STALL = Duration.ofMillis(1500);

  @RegisterExtension final RedisQueue queue = new RedisQueue();

  @ParameterizedTest(name = "Redisson resends a late command {0} times")
  @ValueSource(ints = {0, 2})
  void tasksOfAClaimWhoseReplyWasLostStartWithoutWaitingForTheirLeases(int resends)
      throws Exception {
    RedissonClient client = Redisson.create(workerClientConfig(resends));
    Taskyard node = Taskyard.create(client, TaskyardOptions.defaults());
    Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    CountDownLatch blocking = new CountDownLatch(1);
    CountDownLatch unblock = new CountDownLatch(1);
    WorkerPool pool =
        node.workerPool()
            .queue(queue.name(), 1)
            .handler(
                "test.block",
                task -> {
                  blocking.countDown();
                  unblock.await();
                  return null;
                })
            .handler(
                NOOP,
                task -> {
                  runs.computeIfAbsent(task.id(), id -> new AtomicInteger()).incrementAndGet();
                  return null;
                })
            .start();
    try {
      // The worker's only thread is busy, so the tasks below wait in the queue...
      node.producer().submit(queue.name(), aTaskOfType("test.block"));
      assertThat(blocking.await(10, TimeUnit.SECONDS)).isTrue();
      List<String> ids =
          node
              .producer()
              .submitAll(
                  queue.name(),
                  Collections.nCopies(3, aTask().withTimeout(LEASE).withMaxAttempts(1)))
              .stream()
              .map(Submission::id)
              .toList();

      // ...until it is free again, while Redis stalls: the claim it sends then runs late, after
      // the worker stopped waiting for its reply.
      stallRedisWrites();
      unblock.countDown();

      queue.awaitAll(ids, TaskState.SUCCEEDED);
      assertThat(runs).containsOnlyKeys(ids);
      assertThat(runs.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    } finally {
      pool.halt();
      client.shutdown();
    }
  }

  private static Config workerClientConfig(int resends) {
    Config config = RedisTopology.single(TestRedis.get().url()).config();
    config
        .useSingleServer()
        .setTimeout((int) RESPONSE_TIMEOUT.toMillis())
        .setRetryAttempts(resends);
    return config;
  }

  /**
   * Holds every write and script for {@link #STALL}; reads go on. Sent on a plain socket, the
   * server at a plain {@code redis://host:port} address.
   */
  private static void stallRedisWrites() throws IOException {
    URI url = URI.create(TestRedis.get().url());
    try (Socket socket = new Socket(url.getHost(), url.getPort())) {
      String millis = Long.toString(STALL.toMillis());
      String command =
          "*4\r\n$6\r\nCLIENT\r\n$5\r\nPAUSE\r\n$"
              + millis.length()
              + "\r\n"
              + millis
              + "\r\n$5\r\nWRITE\r\n";
      socket.getOutputStream().write(command.getBytes(StandardCharsets.US_ASCII));
      byte[] reply = new byte[5];
      assertThat(socket.getInputStream().readNBytes(reply, 0, 5)).isEqualTo(5);
      assertThat(new String(reply, StandardCharsets.US_ASCII)).isEqualTo("+OK\r\n");
    }
  }
}
