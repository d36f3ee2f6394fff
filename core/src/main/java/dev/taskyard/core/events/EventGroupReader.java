package dev.taskyard.core.events;

import dev.taskyard.core.redis.QueueKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.redisson.api.RStream;
import org.redisson.api.RedissonClient;
import org.redisson.api.stream.PendingEntry;
import org.redisson.api.stream.PendingResult;
import org.redisson.api.stream.StreamCreateGroupArgs;
import org.redisson.api.stream.StreamMessageId;
import org.redisson.api.stream.StreamRangeArgs;
import org.redisson.api.stream.StreamReadGroupArgs;
import org.redisson.api.stream.StreamTrimArgs;
import org.redisson.client.RedisException;
import org.redisson.client.codec.StringCodec;

/**
 * Reads the queues' event streams (or other named streams, see {@link
 * #EventGroupReader(RedissonClient, String, Function)}) through one consumer group shared by any
 * number of processes (each a consumer of its own name), so each entry goes to one of them; an
 * entry stays pending until acknowledged, and the stream is trimmed only below what the group holds
 * unacknowledged.
 */
public final class EventGroupReader {
  private static final int ACK_CHUNK = 1000;

  private final RedissonClient redisson;
  private final String group;
  private final Function<String, String> streamKey;
  private final Set<String> grouped = ConcurrentHashMap.newKeySet();
  private final StreamReads reads;

  /** A reader of the queues' event streams: the names it is given are queue names. */
  public EventGroupReader(RedissonClient redisson, String group) {
    this(redisson, group, queue -> new QueueKeys(queue).events());
  }

  /**
   * A reader of the streams {@code streamKey} names: every method takes a name where it says queue,
   * and entries are given with that name as their {@link EventEntry#queue()}.
   */
  public EventGroupReader(
      RedissonClient redisson, String group, Function<String, String> streamKey) {
    this.redisson = redisson;
    this.group = group;
    this.streamKey = streamKey;
    this.reads = new StreamReads(redisson);
  }

  /** Entries delivered to {@code consumer} and not yet acknowledged (after a failure, a claim). */
  public List<EventEntry> readPending(String queue, String consumer, int count) {
    return read(queue, consumer, StreamReadGroupArgs.greaterThan(StreamMessageId.ALL).count(count));
  }

  /** Entries no consumer has been given yet. */
  public List<EventEntry> readNew(String queue, String consumer, int count) {
    return read(queue, consumer, StreamReadGroupArgs.neverDelivered().count(count));
  }

  /**
   * Waits up to {@code wait} (zero: not at all) until any of the queues' streams holds an entry no
   * consumer has been given yet, then gives {@code consumer} the first such entry of each (pending
   * on it from then on, to be read with {@link #readPending}). One command however many queues are
   * watched, so that idle queues cost nothing to watch; on a cluster, a poll of every slot's
   * streams every {@link StreamReads#POLL} while waiting (see {@link StreamReads}).
   *
   * @return the queues that had new entries, in the order given
   */
  public Set<String> awaitNew(List<String> queues, String consumer, Duration wait) {
    if (queues.isEmpty()) {
      return Set.of();
    }
    queues.forEach(this::ensureGroup);
    Map<String, Map<StreamMessageId, Map<String, String>>> read;
    try {
      read = reads.readGroup(group, consumer, queues.stream().map(streamKey).toList(), 1, wait);
    } catch (RedisException e) {
      // A stream was deleted with its group (a queue removed): create them again next time.
      queues.forEach(grouped::remove);
      throw e;
    }
    return queuesOf(queues, read.keySet());
  }

  /**
   * The queues whose streams hold any entry, read or not, in one command: those are the only ones
   * with entries left pending or a length to hold to, as acknowledging trims a stream empty.
   */
  public Set<String> holdingEntries(List<String> queues) {
    if (queues.isEmpty()) {
      return Set.of();
    }
    Map<String, StreamMessageId> start = new LinkedHashMap<>();
    queues.forEach(queue -> start.put(streamKey.apply(queue), new StreamMessageId(0, 0)));
    return queuesOf(queues, reads.read(start, 1, Duration.ZERO).keySet());
  }

  private Set<String> queuesOf(List<String> queues, Set<String> streamKeys) {
    Set<String> found = new LinkedHashSet<>();
    for (String queue : queues) {
      if (streamKeys.contains(streamKey.apply(queue))) {
        found.add(queue);
      }
    }
    return found;
  }

  /** Takes over entries left unacknowledged by any consumer for longer than {@code idle}. */
  public int reclaim(String queue, String consumer, Duration idle, int count) {
    ensureGroup(queue);
    return stream(queue)
        .autoClaim(
            group, consumer, idle.toMillis(), TimeUnit.MILLISECONDS, StreamMessageId.ALL, count)
        .getMessages()
        .size();
  }

  /**
   * Acknowledges entries (given oldest first), then trims the stream below the oldest entry the
   * group still holds unacknowledged, or past the last one acknowledged when none is.
   */
  public void acknowledge(String queue, List<String> streamIds) {
    if (streamIds.isEmpty()) {
      return;
    }
    RStream<String, String> stream = stream(queue);
    StreamMessageId[] ids =
        streamIds.stream().map(StreamIds::parse).toArray(StreamMessageId[]::new);
    stream.ack(group, ids);
    PendingResult pending = stream.getPendingInfo(group);
    StreamMessageId last = ids[ids.length - 1];
    StreamMessageId keepFrom =
        pending.getTotal() > 0 && pending.getLowestId() != null
            ? pending.getLowestId()
            : new StreamMessageId(last.getId0(), last.getId1() + 1);
    stream.trim(StreamTrimArgs.minId(keepFrom).noLimit());
  }

  /**
   * Keeps the queue's stream to at most {@code maxEntries}: when it holds more (its readers fell
   * that far behind), the oldest go, whether read or not, and any consumer holding one of them has
   * it acknowledged, so none finds it empty later and counts it again.
   *
   * @return how many entries were removed: each lost to every reader
   */
  public long trimTo(String queue, int maxEntries) {
    RStream<String, String> stream = stream(queue);
    if (stream.size() <= maxEntries) {
      return 0;
    }
    ensureGroup(queue);
    long removed = stream.trim(StreamTrimArgs.maxLen(maxEntries).noLimit());
    Map<StreamMessageId, Map<String, String>> first =
        stream.range(
            StreamRangeArgs.startId(StreamMessageId.MIN).endId(StreamMessageId.MAX).count(1));
    StreamMessageId kept = first.isEmpty() ? null : first.keySet().iterator().next();
    StreamMessageId lastGone =
        kept == null
            ? StreamMessageId.MAX
            : kept.getId1() > 0
                ? new StreamMessageId(kept.getId0(), kept.getId1() - 1)
                : new StreamMessageId(kept.getId0() - 1, Long.MAX_VALUE);
    List<PendingEntry> gone;
    do {
      gone = stream.listPending(group, StreamMessageId.MIN, lastGone, ACK_CHUNK);
      if (!gone.isEmpty()) {
        stream.ack(group, gone.stream().map(PendingEntry::getId).toArray(StreamMessageId[]::new));
      }
    } while (gone.size() == ACK_CHUNK);
    return removed;
  }

  private List<EventEntry> read(String queue, String consumer, StreamReadGroupArgs args) {
    ensureGroup(queue);
    Map<StreamMessageId, Map<String, String>> entries;
    try {
      entries = stream(queue).readGroup(group, consumer, args);
    } catch (RedisException e) {
      // The stream was deleted with its group (a queue removed): create both again next time.
      grouped.remove(queue);
      throw e;
    }
    List<EventEntry> read = new ArrayList<>(entries.size());
    // A pending entry trimmed meanwhile comes back without fields: given as trimmed.
    entries.forEach((id, fields) -> read.add(new EventEntry(queue, id.toString(), fields)));
    return read;
  }

  private void ensureGroup(String queue) {
    if (!grouped.contains(queue)) {
      createGroup(queue);
    }
  }

  /**
   * Creates the group on the queue's stream (and the stream) if it has none, whatever this reader
   * remembers: from then on nothing written to the stream can be deleted unread by it (a queue
   * delete waits for every group).
   */
  public void createGroup(String queue) {
    try {
      // From the stream's start: whatever was written before any reader ran is history too.
      stream(queue)
          .createGroup(StreamCreateGroupArgs.name(group).id(StreamMessageId.ALL).makeStream());
    } catch (RedisException e) {
      if (!String.valueOf(e.getMessage()).contains("BUSYGROUP")) {
        throw e;
      }
    }
    grouped.add(queue);
  }

  private RStream<String, String> stream(String queue) {
    return redisson.getStream(streamKey.apply(queue), StringCodec.INSTANCE);
  }
}
