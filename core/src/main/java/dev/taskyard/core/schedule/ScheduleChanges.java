package dev.taskyard.core.schedule;

import dev.taskyard.core.redis.QueueKeys;
import java.util.function.Consumer;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Tells every node's {@link ScheduleRunner} which queue's schedules changed, so runners read a
 * queue only when it has something due or changed, not on every pass. Best effort (pub/sub): a
 * runner that misses a message finds the change on its next full read.
 */
final class ScheduleChanges {
  private final RTopic topic;

  ScheduleChanges(RedissonClient redisson) {
    this.topic = redisson.getTopic(QueueKeys.SCHEDULE_CHANGES_CHANNEL, StringCodec.INSTANCE);
  }

  void announce(String queue) {
    topic.publish(queue);
  }

  /** Calls {@code listener} with each changed queue's name; returns the id to stop listening. */
  int listen(Consumer<String> listener) {
    return topic.addListener(String.class, (channel, queue) -> listener.accept(queue));
  }

  void stopListening(int id) {
    topic.removeListener(id);
  }
}
