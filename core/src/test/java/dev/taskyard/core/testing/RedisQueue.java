package dev.taskyard.core.testing;

import dev.taskyard.core.redis.QueueKeys;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.redisson.client.codec.StringCodec;

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

  /** Number of Redis keys this queue has. */
  public long keyCount() {
    return TestRedis.get()
        .redisson()
        .getKeys()
        .getKeysStreamByPattern("ty:{" + name + "}:*")
        .count();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    TestRedis redis = TestRedis.get();
    redis.redisson().getKeys().deleteByPattern("ty:{" + name + "}:*");
    redis.redisson().getSet(QueueKeys.QUEUES, StringCodec.INSTANCE).remove(name);
  }
}
