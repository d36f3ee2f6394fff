package dev.taskyard.core.control;

import dev.taskyard.core.redis.LuaScript;
import dev.taskyard.core.redis.QueueKeys;
import dev.taskyard.core.redis.ScriptError;
import dev.taskyard.core.redis.ScriptFailure;
import dev.taskyard.core.redis.ScriptRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Registers queues on first use: the name in the global queue set and default settings in the
 * queue's config hash. Remembers what this process registered, so the hot path costs nothing.
 */
public final class QueueRegistry {
  private final RedissonClient redisson;
  private final ScriptRunner scripts;
  private final Set<String> registered = ConcurrentHashMap.newKeySet();

  public QueueRegistry(RedissonClient redisson, ScriptRunner scripts) {
    this.redisson = redisson;
    this.scripts = scripts;
  }

  public void ensure(String queue) {
    if (registered.contains(queue)) {
      return;
    }
    List<String> defaults = new ArrayList<>();
    for (Map.Entry<String, String> e : QueueSettings.defaults().toHash().entrySet()) {
      defaults.add(e.getKey());
      defaults.add(e.getValue());
    }
    defaults.add("paused");
    defaults.add("0");
    scripts.run(LuaScript.REGISTER_QUEUE, List.of(new QueueKeys(queue).config()), defaults);
    redisson.getSet(QueueKeys.QUEUES, StringCodec.INSTANCE).add(queue);
    registered.add(queue);
  }

  /**
   * Runs a queue operation, registering the queue first; if Redis lost the queue's config (a
   * restart without persistence, a manual delete), registers again and retries once.
   */
  public <T> T withQueue(String queue, Supplier<T> operation) {
    ensure(queue);
    try {
      return operation.get();
    } catch (ScriptFailure e) {
      if (e.error() != ScriptError.QUEUE_NOT_REGISTERED) {
        throw e;
      }
      registered.remove(queue);
      ensure(queue);
      return operation.get();
    }
  }

  /** Forgets that this process registered {@code queue}: it was deleted. */
  void forget(String queue) {
    registered.remove(queue);
  }

  public boolean exists(String queue) {
    return redisson.getSet(QueueKeys.QUEUES, StringCodec.INSTANCE).contains(queue);
  }

  public List<String> names() {
    return redisson.<String>getSet(QueueKeys.QUEUES, StringCodec.INSTANCE).readAll().stream()
        .sorted()
        .toList();
  }
}
