package dev.taskyard.core.events;

import dev.taskyard.core.control.QueueRegistry;
import dev.taskyard.core.redis.QueueKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.redisson.api.RStream;
import org.redisson.api.RedissonClient;
import org.redisson.api.stream.StreamMessageId;
import org.redisson.api.stream.StreamRangeArgs;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live task and queue events from every node, read from the queues' streams by one thread with a
 * blocking {@code XREAD} (on a cluster, one poll per slot: see {@link StreamReads}). On an idle
 * system a change is delivered as soon as it is written; under load, reads are at least {@link
 * #COALESCE} apart, so each delivery carries a whole batch and the engine pays a few reads a
 * second, not one per task. Close it to stop.
 */
public final class EventSubscription implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventSubscription.class);

  /** Shortest time between two reads while events keep coming. */
  public static final Duration COALESCE = Duration.ofMillis(25);

  private static final Duration BLOCK = Duration.ofMillis(500);
  private static final Duration REFRESH = Duration.ofSeconds(1);
  private static final int MAX_PER_READ = 1000;

  private final RedissonClient redisson;
  private final QueueRegistry registry;
  private final Optional<List<String>> onlyQueues;
  private final Consumer<List<TaskEvent>> listener;
  private final Consumer<List<String>> queuesAdded;
  private final Map<String, StreamMessageId> positions = new LinkedHashMap<>();
  private final StreamReads reads;
  private final Thread reader;
  private final Object pause = new Object();
  private volatile boolean open = true;
  private long refreshedAt;

  EventSubscription(
      RedissonClient redisson,
      QueueRegistry registry,
      Optional<List<String>> onlyQueues,
      Consumer<List<TaskEvent>> listener,
      Consumer<List<String>> queuesAdded) {
    this.redisson = redisson;
    this.registry = registry;
    this.onlyQueues = onlyQueues;
    this.listener = listener;
    this.queuesAdded = queuesAdded;
    this.reads = new StreamReads(redisson);
    // Start after what is there now; queues that appear later are read from their beginning.
    queues().forEach(q -> positions.put(q, lastId(q)));
    refreshedAt = System.nanoTime();
    this.reader = new Thread(this::readLoop, "taskyard-events");
    reader.setDaemon(true);
    reader.start();
  }

  private List<String> queues() {
    return onlyQueues.orElseGet(registry::names);
  }

  private StreamMessageId lastId(String queue) {
    Map<StreamMessageId, Map<String, String>> last =
        stream(queue)
            .rangeReversed(
                StreamRangeArgs.startId(StreamMessageId.MAX).endId(StreamMessageId.MIN).count(1));
    return last.isEmpty() ? new StreamMessageId(0, 0) : last.keySet().iterator().next();
  }

  private RStream<String, String> stream(String queue) {
    return redisson.getStream(new QueueKeys(queue).events(), StringCodec.INSTANCE);
  }

  private void readLoop() {
    while (open) {
      try {
        refreshQueues();
        List<TaskEvent> events = readOnce();
        if (!events.isEmpty()) {
          deliver(events);
          sleep(COALESCE);
        }
      } catch (RuntimeException e) {
        if (open) {
          LOG.warn("Reading task events failed, retrying: {}", e.toString());
          sleep(Duration.ofSeconds(1));
        }
      }
    }
  }

  private void refreshQueues() {
    if (onlyQueues.isPresent() || System.nanoTime() - refreshedAt < REFRESH.toNanos()) {
      return;
    }
    refreshedAt = System.nanoTime();
    List<String> added = new ArrayList<>();
    for (String q : registry.names()) {
      if (positions.putIfAbsent(q, new StreamMessageId(0, 0)) == null) {
        added.add(q);
      }
    }
    if (!added.isEmpty()) {
      try {
        queuesAdded.accept(added);
      } catch (RuntimeException e) {
        LOG.warn("A listener failed on {} new queues", added.size(), e);
      }
    }
  }

  private List<TaskEvent> readOnce() {
    if (positions.isEmpty()) {
      sleep(BLOCK);
      return List.of();
    }
    Map<String, StreamMessageId> after = new LinkedHashMap<>();
    Map<String, String> queueOfKey = new HashMap<>();
    positions.forEach(
        (queue, id) -> {
          String key = new QueueKeys(queue).events();
          after.put(key, id);
          queueOfKey.put(key, queue);
        });
    Map<String, Map<StreamMessageId, Map<String, String>>> read =
        reads.read(after, MAX_PER_READ, BLOCK);
    List<TaskEvent> events = new ArrayList<>();
    read.forEach(
        (key, entries) -> {
          String queue = queueOfKey.get(key);
          entries.forEach(
              (id, fields) -> {
                events.add(TaskEvent.fromEntry(queue, id.toString(), fields));
                positions.put(queue, id);
              });
        });
    events.sort(Comparator.comparing(TaskEvent::at));
    return events;
  }

  private void deliver(List<TaskEvent> events) {
    try {
      listener.accept(events);
    } catch (RuntimeException e) {
      LOG.warn("An event listener failed on {} events", events.size(), e);
    }
  }

  private void sleep(Duration time) {
    synchronized (pause) {
      if (open) {
        try {
          TimeUnit.MILLISECONDS.timedWait(pause, time.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          open = false;
        }
      }
    }
  }

  @Override
  public void close() {
    open = false;
    synchronized (pause) {
      pause.notifyAll();
    }
    try {
      reader.join(BLOCK.toMillis() * 4);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
