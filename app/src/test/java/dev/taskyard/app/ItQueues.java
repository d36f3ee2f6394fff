package dev.taskyard.app;

import dev.taskyard.core.Taskyard;
import dev.taskyard.core.redis.QueueKeys;
import java.util.UUID;
import org.redisson.client.codec.StringCodec;

/** Random queue names for integration tests, and removal of everything such a queue left. */
public final class ItQueues {
  private ItQueues() {}

  public static String random() {
    return "it-" + UUID.randomUUID().toString().substring(0, 12);
  }

  /** Deletes the queue's keys, its registration and its submit limiter's bucket. */
  public static void delete(Taskyard taskyard, String queue) {
    taskyard.redisson().getKeys().deleteByPattern("ty:{" + queue + "}:*");
    taskyard.redisson().getKeys().delete(QueueKeys.limiter("submit-" + queue));
    taskyard.redisson().getSet(QueueKeys.QUEUES, StringCodec.INSTANCE).remove(queue);
  }
}
