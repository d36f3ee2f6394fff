package dev.taskyard.core.events;

import dev.taskyard.core.InvalidInputException;
import dev.taskyard.core.control.QueueNames;
import dev.taskyard.core.control.QueueRegistry;
import dev.taskyard.core.redis.QueueKeys;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.redisson.api.RStream;
import org.redisson.api.RedissonClient;
import org.redisson.api.stream.StreamMessageId;
import org.redisson.api.stream.StreamRangeArgs;
import org.redisson.client.codec.StringCodec;

/** Reads a queue's event stream, which every script appends to as it changes state. */
public final class EventLog {
  /**
   * Last-resort cap on entries per queue stream, applied by the scripts: a memory guard for a
   * deployment where no history archiver runs at all. The archiver trims each stream up to the
   * oldest entry it has not yet archived, and holds it to its own configured limit (below this one;
   * see {@link EventGroupReader#trimTo}), counting what that drops, so with an archiver running
   * this cap is not reached.
   */
  public static final long MAX_LENGTH = 10_000_000;

  private final RedissonClient redisson;
  private final QueueRegistry registry;

  public EventLog(RedissonClient redisson, QueueRegistry registry) {
    this.redisson = redisson;
    this.registry = registry;
  }

  /** Delivers every event of every queue, those created later included, until closed. */
  public EventSubscription subscribe(Consumer<List<TaskEvent>> listener) {
    return subscribe(listener, added -> {});
  }

  /**
   * Delivers every event of every queue, those created later included, until closed; and tells
   * {@code queuesAdded} of each queue created meanwhile, as it starts reading it. A new queue's
   * first events may be gone by then (an archiver trims what it has read), so this is how a
   * listener learns of it for sure.
   */
  public EventSubscription subscribe(
      Consumer<List<TaskEvent>> listener, Consumer<List<String>> queuesAdded) {
    return new EventSubscription(redisson, registry, Optional.empty(), listener, queuesAdded);
  }

  /** Delivers the events of the given queues until closed. */
  public EventSubscription subscribe(
      Collection<String> queues, Consumer<List<TaskEvent>> listener) {
    if (queues == null || queues.isEmpty()) {
      throw new InvalidInputException("queues", "name at least one queue");
    }
    queues.forEach(QueueNames::check);
    return new EventSubscription(
        redisson, registry, Optional.of(List.copyOf(queues)), listener, added -> {});
  }

  /** Up to {@code count} events after {@code afterStreamId} ("0" from the start), oldest first. */
  public List<TaskEvent> read(String queue, String afterStreamId, int count) {
    QueueNames.check(queue);
    RStream<String, String> stream =
        redisson.getStream(new QueueKeys(queue).events(), StringCodec.INSTANCE);
    Map<StreamMessageId, Map<String, String>> entries =
        stream.range(
            StreamRangeArgs.startIdExclusive(StreamIds.parse(afterStreamId))
                .endId(StreamMessageId.MAX)
                .count(count));
    List<TaskEvent> events = new ArrayList<>(entries.size());
    entries.forEach((id, fields) -> events.add(TaskEvent.fromEntry(queue, id.toString(), fields)));
    return events;
  }
}
