package dev.taskyard.app.history;

import dev.taskyard.core.events.EventEntry;
import dev.taskyard.core.events.EventGroupReader;
import dev.taskyard.core.events.EventLog;
import dev.taskyard.core.redis.QueueKeys;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.redisson.api.BatchResult;
import org.redisson.api.RBatch;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * The queues' event streams as the archiver sees them: one consumer group shared by every node
 * (read through core's {@link EventGroupReader}), and the archive's counters per queue in Redis, so
 * every node reports the same figures.
 */
@ApplicationScoped
public class ArchiveStreams {
  static final String GROUP = "taskyard-archiver";
  static final String QUARANTINED = "quarantined";
  static final String DROPPED = "dropped";

  private static final Logger LOG = Logger.getLogger(ArchiveStreams.class.getName());

  @Inject RedissonClient redisson;

  @Inject
  @ConfigProperty(name = "taskyard.archive.max-stream-entries", defaultValue = "5000000")
  int maxStreamEntries;

  @Inject
  @ConfigProperty(name = "taskyard.archive.warn-fraction", defaultValue = "0.2")
  double warnFraction;

  @Inject
  @ConfigProperty(name = "taskyard.archive.max-lag-seconds", defaultValue = "300")
  long maxLagSeconds;

  private EventGroupReader reader;

  @PostConstruct
  void init() {
    reader = new EventGroupReader(redisson, GROUP);
    if (maxStreamEntries >= EventLog.MAX_LENGTH) {
      LOG.warning(
          "taskyard.archive.max-stream-entries="
              + maxStreamEntries
              + " is not below the scripts' last-resort cap of "
              + EventLog.MAX_LENGTH
              + ": entries that cap trims before they are read are lost uncounted");
    }
  }

  /**
   * How old a queue's oldest unarchived event may grow before the history counts as behind (health
   * DOWN, an alert): {@code taskyard.archive.max-lag-seconds}.
   */
  public Duration maxLag() {
    return Duration.ofSeconds(maxLagSeconds);
  }

  /**
   * Makes sure the archivers' group reads the queue's stream, so that deleting the queue waits
   * until its history is written (a new queue's group is otherwise made only by its first read).
   */
  public void ensureGroup(String queue) {
    reader.createGroup(queue);
  }

  /**
   * Trims the queue's stream to {@code taskyard.archive.max-stream-entries}: the only way an entry
   * not yet archived leaves it. Every entry removed is counted as dropped and logged.
   */
  long enforceLimit(String queue) {
    long removed = reader.trimTo(queue, maxStreamEntries);
    if (removed > 0) {
      count(queue, DROPPED, removed);
      LOG.warning(
          "Lost to history: "
              + removed
              + " entries of queue "
              + queue
              + " trimmed unarchived, its stream held more than taskyard.archive.max-stream-entries="
              + maxStreamEntries);
    }
    return removed;
  }

  /**
   * Waits up to {@code wait} for new entries in any of the queues' streams, in one command; each
   * such queue's first entry is then pending on {@code consumer}.
   */
  Set<String> awaitNew(List<String> queues, String consumer, Duration wait) {
    return reader.awaitNew(queues, consumer, wait);
  }

  /** The queues whose streams hold entries, archived or not yet, in one command. */
  public Set<String> holdingEntries(List<String> queues) {
    return reader.holdingEntries(queues);
  }

  List<EventEntry> readPending(String queue, String consumer, int count) {
    return reader.readPending(queue, consumer, count);
  }

  List<EventEntry> readNew(String queue, String consumer, int count) {
    return reader.readNew(queue, consumer, count);
  }

  int reclaim(String queue, String consumer, Duration idle, int count) {
    return reader.reclaim(queue, consumer, idle, count);
  }

  void acknowledge(String queue, List<EventEntry> entries) {
    reader.acknowledge(queue, entries.stream().map(EventEntry::streamId).toList());
  }

  /**
   * Counts entries of {@code queue} set aside ({@link #QUARANTINED}) or lost ({@link #DROPPED}).
   */
  void count(String queue, String counter, long entries) {
    redisson
        .getMap(new QueueKeys(queue).archive(), StringCodec.INSTANCE)
        .addAndGet(counter, entries);
  }

  /** The lag of each queue and its counters, read in two pipelined round trips. */
  public Map<String, ArchiveLag> lag(List<String> queues) {
    if (queues.isEmpty()) {
      return Map.of();
    }
    Map<String, EventGroupReader.Lag> lags = reader.lag(queues);
    RBatch batch = redisson.createBatch();
    for (String queue : queues) {
      batch.getMap(new QueueKeys(queue).archive(), StringCodec.INSTANCE).readAllMapAsync();
    }
    BatchResult<?> counters = batch.execute();
    Map<String, ArchiveLag> result = new LinkedHashMap<>();
    for (int i = 0; i < queues.size(); i++) {
      @SuppressWarnings("unchecked")
      Map<String, String> c = (Map<String, String>) counters.getResponses().get(i);
      EventGroupReader.Lag lag = lags.get(queues.get(i));
      result.put(
          queues.get(i),
          new ArchiveLag(
              lag.entries(),
              lag.oldestAgeMs(),
              Long.parseLong(c.getOrDefault(QUARANTINED, "0")),
              Long.parseLong(c.getOrDefault(DROPPED, "0")),
              lag.entries() >= warnFraction * maxStreamEntries));
    }
    return result;
  }
}
