package dev.taskyard.app.history;

import dev.taskyard.core.events.TaskEvent;
import dev.taskyard.core.redis.QueueKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.redisson.api.BatchResult;
import org.redisson.api.RBatch;
import org.redisson.api.RStream;
import org.redisson.api.RedissonClient;
import org.redisson.api.stream.PendingResult;
import org.redisson.api.stream.StreamCreateGroupArgs;
import org.redisson.api.stream.StreamMessageId;
import org.redisson.api.stream.StreamRangeArgs;
import org.redisson.api.stream.StreamReadGroupArgs;
import org.redisson.api.stream.StreamTrimArgs;
import org.redisson.client.RedisException;
import org.redisson.client.codec.StringCodec;

/**
 * The queues' event streams as the archiver sees them: one consumer group shared by every node, and
 * trimming that follows the group, so an entry leaves the stream only once it is archived.
 */
@ApplicationScoped
public class ArchiveStreams {
  static final String GROUP = "taskyard-archiver";

  @Inject RedissonClient redisson;

  private final Set<String> grouped = ConcurrentHashMap.newKeySet();

  /** Entries delivered to {@code consumer} and not yet acknowledged (after a failure, a claim). */
  List<TaskEvent> readPending(String queue, String consumer, int count) {
    return read(queue, consumer, StreamReadGroupArgs.greaterThan(StreamMessageId.ALL).count(count));
  }

  /** Entries no consumer has been given yet. */
  List<TaskEvent> readNew(String queue, String consumer, int count) {
    return read(queue, consumer, StreamReadGroupArgs.neverDelivered().count(count));
  }

  /** Takes over entries left unacknowledged by any consumer for longer than {@code idle}. */
  int reclaim(String queue, String consumer, Duration idle, int count) {
    ensureGroup(queue);
    return stream(queue)
        .autoClaim(
            GROUP, consumer, idle.toMillis(), TimeUnit.MILLISECONDS, StreamMessageId.ALL, count)
        .getMessages()
        .size();
  }

  /**
   * Acknowledges archived entries, then trims the stream below the oldest entry the group still
   * holds unacknowledged, or past the last one acknowledged when none is.
   */
  void acknowledge(String queue, List<TaskEvent> events) {
    RStream<String, String> stream = stream(queue);
    StreamMessageId[] ids =
        events.stream().map(e -> id(e.streamId())).toArray(StreamMessageId[]::new);
    stream.ack(GROUP, ids);
    PendingResult pending = stream.getPendingInfo(GROUP);
    StreamMessageId last = ids[ids.length - 1];
    StreamMessageId keepFrom =
        pending.getTotal() > 0 && pending.getLowestId() != null
            ? pending.getLowestId()
            : new StreamMessageId(last.getId0(), last.getId1() + 1);
    stream.trim(StreamTrimArgs.minId(keepFrom).noLimit());
  }

  /** The lag of each queue, read in one pipelined round trip. */
  public Map<String, ArchiveLag> lag(List<String> queues) {
    if (queues.isEmpty()) {
      return Map.of();
    }
    RBatch batch = redisson.createBatch();
    for (String queue : queues) {
      var s = batch.<String, String>getStream(new QueueKeys(queue).events(), StringCodec.INSTANCE);
      s.sizeAsync();
      s.rangeAsync(
          StreamRangeArgs.startId(StreamMessageId.MIN).endId(StreamMessageId.MAX).count(1));
    }
    BatchResult<?> result = batch.execute();
    long now = System.currentTimeMillis();
    Map<String, ArchiveLag> lags = new LinkedHashMap<>();
    for (int i = 0; i < queues.size(); i++) {
      long size = (Long) result.getResponses().get(2 * i);
      @SuppressWarnings("unchecked")
      Map<StreamMessageId, ?> first =
          (Map<StreamMessageId, ?>) result.getResponses().get(2 * i + 1);
      Long age =
          first.isEmpty() ? null : Math.max(0, now - first.keySet().iterator().next().getId0());
      lags.put(queues.get(i), new ArchiveLag(size, age));
    }
    return lags;
  }

  private List<TaskEvent> read(String queue, String consumer, StreamReadGroupArgs args) {
    ensureGroup(queue);
    Map<StreamMessageId, Map<String, String>> entries;
    try {
      entries = stream(queue).readGroup(GROUP, consumer, args);
    } catch (RedisException e) {
      // The stream was deleted with its group (a queue removed): create both again next time.
      grouped.remove(queue);
      throw e;
    }
    List<TaskEvent> events = new ArrayList<>(entries.size());
    entries.forEach(
        (id, fields) -> {
          // A pending entry trimmed by the safety cap comes back without fields: nothing to keep.
          if (fields != null && fields.containsKey("ids")) {
            events.add(TaskEvent.fromEntry(queue, id.toString(), fields));
          } else {
            stream(queue).ack(GROUP, id);
          }
        });
    return events;
  }

  private void ensureGroup(String queue) {
    if (grouped.contains(queue)) {
      return;
    }
    try {
      // From the stream's start: whatever was written before any archiver ran is history too.
      stream(queue)
          .createGroup(StreamCreateGroupArgs.name(GROUP).id(StreamMessageId.ALL).makeStream());
    } catch (RedisException e) {
      if (!String.valueOf(e.getMessage()).contains("BUSYGROUP")) {
        throw e;
      }
    }
    grouped.add(queue);
  }

  private RStream<String, String> stream(String queue) {
    return redisson.getStream(new QueueKeys(queue).events(), StringCodec.INSTANCE);
  }

  private static StreamMessageId id(String streamId) {
    StreamPosition p = StreamPosition.parse(streamId);
    return new StreamMessageId(p.ms(), p.seq());
  }
}
