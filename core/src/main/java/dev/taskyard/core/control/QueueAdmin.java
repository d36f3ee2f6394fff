package dev.taskyard.core.control;

import dev.taskyard.core.redis.QueueKeys;
import java.util.List;
import java.util.Map;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/** Lists queues and reads and changes their settings. */
public final class QueueAdmin {
  private final RedissonClient redisson;
  private final QueueRegistry registry;

  public QueueAdmin(RedissonClient redisson, QueueRegistry registry) {
    this.redisson = redisson;
    this.registry = registry;
  }

  /** Every registered queue, sorted by name. */
  public List<String> queues() {
    return registry.names();
  }

  /** Creates the queue if needed and stores the settings; every node uses them at once. */
  public void configure(String queue, QueueSettings settings) {
    QueueNames.check(queue);
    registry.ensure(queue);
    redisson.getMap(new QueueKeys(queue).config(), StringCodec.INSTANCE).putAll(settings.toHash());
  }

  public QueueSettings settings(String queue) {
    QueueNames.check(queue);
    Map<String, String> hash =
        redisson
            .<String, String>getMap(new QueueKeys(queue).config(), StringCodec.INSTANCE)
            .readAllMap();
    if (hash.isEmpty()) {
      throw new UnknownQueueException(queue);
    }
    return QueueSettings.fromHash(hash);
  }

  /** Stops claims on every node at once; submits are still accepted. */
  public void pause(String queue) {
    setPaused(queue, true);
  }

  public void resume(String queue) {
    setPaused(queue, false);
    redisson.getTopic(new QueueKeys(queue).wakeChannel(), StringCodec.INSTANCE).publish("resumed");
  }

  private void setPaused(String queue, boolean paused) {
    QueueNames.check(queue);
    if (!registry.exists(queue)) {
      throw new UnknownQueueException(queue);
    }
    redisson
        .getMap(new QueueKeys(queue).config(), StringCodec.INSTANCE)
        .fastPut("paused", paused ? "1" : "0");
  }
}
