package dev.taskyard.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskyard.core.redis.QueueKeys;
import dev.taskyard.core.task.TaskRecord;
import dev.taskyard.core.task.TaskState;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.redisson.api.options.KeysScanOptions;

/**
 * A fresh, randomly named queue for each test, whose keys are removed afterwards:
 *
 * <pre>{@code @RegisterExtension final RedisQueue queue = new RedisQueue();}</pre>
 */
public final class RedisQueue implements AfterEachCallback {
  private final String name = "test-" + UUID.randomUUID().toString().substring(0, 12);

  public String name() {
    return name;
  }

  public QueueKeys keys() {
    return new QueueKeys(name);
  }

  /** Waits up to 20 s until every task of {@code ids} is found in this queue in {@code state}. */
  public void awaitAll(List<String> ids, TaskState state) {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(TestRedis.get().taskyard().tasks().findAll(name, ids))
                    .extracting(TaskRecord::state)
                    .containsOnly(state)
                    .hasSize(ids.size()));
  }

  /** Number of Redis keys this queue has. */
  public long keyCount() {
    long count = 0;
    for (String key :
        TestRedis.get()
            .redisson()
            .getKeys()
            .getKeys(KeysScanOptions.defaults().pattern("ty:{" + name + "}:*"))) {
      count++;
    }
    return count;
  }

  /** Number of this queue's Redis keys that never expire (no TTL). */
  public long lastingKeyCount() {
    long count = 0;
    for (String key :
        TestRedis.get()
            .redisson()
            .getKeys()
            .getKeys(KeysScanOptions.defaults().pattern("ty:{" + name + "}:*"))) {
      if (TestRedis.get().redisson().getKeys().remainTimeToLive(key) == -1) {
        count++;
      }
    }
    return count;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    TestRedis.get().removeQueue(name);
  }
}
