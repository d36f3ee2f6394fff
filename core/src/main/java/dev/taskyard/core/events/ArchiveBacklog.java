package dev.taskyard.core.events;

import dev.taskyard.core.redis.QueueKeys;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.redisson.api.RBatch;
import org.redisson.api.RedissonClient;
import org.redisson.api.stream.StreamMessageId;
import org.redisson.api.stream.StreamRangeArgs;
import org.redisson.client.codec.StringCodec;

/**
 * How far the history archive is behind on each queue, and what it could not keep: read by the
 * application (health, alerts) and the exporter alike. The archiver acknowledges and trims, so
 * every entry still in a queue's event stream is one not yet archived.
 */
public final class ArchiveBacklog {
  /**
   * Counter in {@link QueueKeys#archive()}: entries set aside because they could not be archived.
   */
  public static final String QUARANTINED = "quarantined";

  /** Counter in {@link QueueKeys#archive()}: entries trimmed before they were archived. */
  public static final String DROPPED = "dropped";

  private final RedissonClient redisson;

  public ArchiveBacklog(RedissonClient redisson) {
    this.redisson = redisson;
  }

  /**
   * One queue's archive backlog.
   *
   * @param pending stream entries not yet archived (each one event for one or many tasks)
   * @param oldestAgeMs the age of the oldest, null when there is none
   * @param quarantined entries set aside because they could not be archived
   * @param dropped entries trimmed from the stream before they were archived: lost to history
   */
  public record Lag(long pending, Long oldestAgeMs, long quarantined, long dropped) {}

  /** Adds {@code entries} to a queue's {@link #QUARANTINED} or {@link #DROPPED} counter. */
  public void count(String queue, String counter, long entries) {
    redisson
        .getMap(new QueueKeys(queue).archive(), StringCodec.INSTANCE)
        .addAndGet(counter, entries);
  }

  /**
   * The backlog of each queue, in the order given, in one pipelined round trip whatever the
   * streams' lengths (a length, the first entry and the counters of each).
   */
  public Map<String, Lag> read(List<String> queues) {
    if (queues.isEmpty()) {
      return Map.of();
    }
    RBatch batch = redisson.createBatch();
    for (String queue : queues) {
      QueueKeys k = new QueueKeys(queue);
      var stream = batch.<String, String>getStream(k.events(), StringCodec.INSTANCE);
      stream.sizeAsync();
      stream.rangeAsync(
          StreamRangeArgs.startId(StreamMessageId.MIN).endId(StreamMessageId.MAX).count(1));
      batch.<String, String>getMap(k.archive(), StringCodec.INSTANCE).readAllMapAsync();
    }
    List<?> replies = batch.execute().getResponses();
    long now = System.currentTimeMillis();
    Map<String, Lag> lags = new LinkedHashMap<>();
    for (int i = 0; i < queues.size(); i++) {
      long size = (Long) replies.get(3 * i);
      @SuppressWarnings("unchecked")
      Map<StreamMessageId, ?> first = (Map<StreamMessageId, ?>) replies.get(3 * i + 1);
      @SuppressWarnings("unchecked")
      Map<String, String> counters = (Map<String, String>) replies.get(3 * i + 2);
      Long age =
          first.isEmpty() ? null : Math.max(0, now - first.keySet().iterator().next().getId0());
      lags.put(
          queues.get(i),
          new Lag(
              size,
              age,
              Long.parseLong(counters.getOrDefault(QUARANTINED, "0")),
              Long.parseLong(counters.getOrDefault(DROPPED, "0"))));
    }
    return lags;
  }
}
