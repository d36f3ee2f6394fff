package dev.taskyard.core.schedule;

import dev.taskyard.core.redis.QueueKeys;
import java.util.function.Consumer;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.api.listener.StatusListener;
import org.redisson.client.codec.StringCodec;

/**
 * Tells every node's {@link ScheduleRunner} which queue's schedules changed, so runners read a
 * queue only when it has something due or changed, not on every pass. Pub/sub drops messages only
 * while a subscriber is not subscribed: a runner reads every queue when its subscription is made
 * again, and on a rare full read as well.
 */
final class ScheduleChanges {
  private final RTopic topic;

  ScheduleChanges(RedissonClient redisson) {
    this.topic = redisson.getTopic(QueueKeys.SCHEDULE_CHANGES_CHANNEL, StringCodec.INSTANCE);
  }

  void announce(String queue) {
    topic.publish(queue);
  }

  /**
   * Calls {@code changed} with each changed queue's name, and {@code subscribed} each time the
   * subscription is made (again: messages sent meanwhile are lost); returns the ids to stop
   * listening.
   */
  int[] listen(Consumer<String> changed, Runnable subscribed) {
    int messages = topic.addListener(String.class, (channel, queue) -> changed.accept(queue));
    int status =
        topic.addListener(
            new StatusListener() {
              @Override
              public void onSubscribe(String channel) {
                subscribed.run();
              }

              @Override
              public void onUnsubscribe(String channel) {}
            });
    return new int[] {messages, status};
  }

  void stopListening(int[] ids) {
    topic.removeListener(ids[0], ids[1]);
  }
}
