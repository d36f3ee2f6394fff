package dev.taskyard.core.worker;

import static dev.taskyard.core.testing.TaskFixtures.NOOP;
import static dev.taskyard.core.testing.TaskFixtures.aNumberedTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskyard.core.Taskyard;
import dev.taskyard.core.control.QueueSettings;
import dev.taskyard.core.enqueue.TaskRequest;
import dev.taskyard.core.testing.RedisQueue;
import dev.taskyard.core.testing.TestRedis;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RScoredSortedSet;
import org.redisson.api.redisnode.RedisMaster;
import org.redisson.api.redisnode.RedisNode.InfoSection;
import org.redisson.api.redisnode.RedisNodes;
import org.redisson.api.stream.StreamTrimArgs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Retention keeps up with the engine: finished tasks do not pile up in Redis under load. */
class RedisMemoryIT {
  private static final Logger LOG = LoggerFactory.getLogger(RedisMemoryIT.class);
  private static final int TASKS = 200_000;
  private static final int BATCH = 1000;
  private static final String SLOWLOG = "slowlog-log-slower-than";

  @RegisterExtension final RedisQueue queue = new RedisQueue();
  private final Taskyard taskyard = TestRedis.get().taskyard();
  private WorkerPool pool;

  private final RedisMaster server =
      TestRedis.get().redisson().getRedisNodes(RedisNodes.SINGLE).getInstance();
  private String slowlogThreshold;

  /**
   * The slow log keeps the arguments of the last slow commands (128 by default), and a heavy run
   * fills it with batches of task ids: bounded, and no task data, but as large as the whole
   * baseline of an empty server. Off during the test, so that the measure is the engine's.
   */
  @BeforeEach
  void quietSlowlog() {
    slowlogThreshold = server.getConfig(SLOWLOG).get(SLOWLOG);
    server.setConfig(SLOWLOG, "-1");
  }

  @AfterEach
  void stopPool() {
    if (pool != null) {
      pool.halt();
    }
    server.setConfig(SLOWLOG, slowlogThreshold);
  }

  @Test
  void redisMemoryReturnsToItsBaselineAfterTwoHundredThousandTasks() {
    taskyard
        .queues()
        .configure(queue.name(), QueueSettings.defaults().withRetention(Duration.ZERO));
    pool = taskyard.workerPool().queue(queue.name(), 8).handler(NOOP, task -> null).start();
    // Warm up first, so that the baseline holds what any running engine holds: the scripts
    // loaded, the queue's settings, counters and histograms.
    run(BATCH);
    await().atMost(Duration.ofSeconds(90)).until(() -> finished().isEmpty());
    forgetEvents();
    long baseline = usedMemory();

    run(TASKS);
    forgetEvents();

    LOG.info("used_memory: baseline {} bytes, after {} tasks {}", baseline, TASKS, usedMemory());
    // Retention deletes in bounded steps: every finished task goes, then the memory is back.
    await().atMost(Duration.ofSeconds(90)).until(() -> finished().isEmpty());
    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(() -> assertThat(usedMemory()).isLessThanOrEqualTo(baseline * 11 / 10));
    LOG.info("used_memory back to {} bytes", usedMemory());
  }

  /** Submits {@code n} tasks in batches and waits until the pool has run them all. */
  private void run(int n) {
    long before = taskyard.stats().status(queue.name()).totals().succeeded();
    for (int i = 0; i < n; i += BATCH) {
      List<TaskRequest> batch =
          IntStream.range(i, Math.min(n, i + BATCH)).mapToObj(j -> aNumberedTask(j)).toList();
      taskyard.producer().submitAll(queue.name(), batch);
    }
    await()
        .atMost(Duration.ofMinutes(2))
        .until(() -> taskyard.stats().status(queue.name()).totals().succeeded() == before + n);
  }

  private RScoredSortedSet<String> finished() {
    return TestRedis.get().redisson().getScoredSortedSet(queue.keys().finished());
  }

  /**
   * Empties the event stream as the history archiver does once it has archived the entries: the
   * stream holds history, not live work, and bounding it is the archiver's business.
   */
  private void forgetEvents() {
    TestRedis.get()
        .redisson()
        .getStream(queue.keys().events())
        .trim(StreamTrimArgs.maxLen(0).noLimit());
  }

  private static long usedMemory() {
    return Long.parseLong(
        TestRedis.get()
            .redisson()
            .getRedisNodes(RedisNodes.SINGLE)
            .getInstance()
            .info(InfoSection.MEMORY)
            .get("used_memory"));
  }
}
