package dev.taskyard.app.history;

import dev.taskyard.core.events.ArchiveBacklog;
import dev.taskyard.core.events.EventEntry;
import dev.taskyard.core.events.EventGroupReader;
import dev.taskyard.core.events.EventLog;
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
import org.redisson.api.RedissonClient;

/**
 * The queues' event streams as the archiver sees them: one consumer group shared by every node
 * (read through core's {@link EventGroupReader}), and the archive's counters per queue in Redis, so
 * every node reports the same figures.
 */
@ApplicationScoped
public class ArchiveStreams {
  /** The archivers' consumer group on every queue's event stream. */
  public static final String GROUP = "taskyard-archiver";

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
  private ArchiveBacklog backlog;

  @PostConstruct
  void init() {
    reader = new EventGroupReader(redisson, GROUP);
    backlog = new ArchiveBacklog(redisson);
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
      backlog.count(queue, ArchiveBacklog.DROPPED, removed);
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

  /** Counts an entry of {@code queue} set aside because it could not be archived. */
  void quarantined(String queue) {
    backlog.count(queue, ArchiveBacklog.QUARANTINED, 1);
  }

  /** Counts an entry of {@code queue} found trimmed before it was archived. */
  void dropped(String queue) {
    backlog.count(queue, ArchiveBacklog.DROPPED, 1);
  }

  /** The lag of each queue and its counters, in one pipelined round trip. */
  public Map<String, ArchiveLag> lag(List<String> queues) {
    Map<String, ArchiveLag> result = new LinkedHashMap<>();
    backlog
        .read(queues)
        .forEach(
            (queue, lag) ->
                result.put(
                    queue,
                    new ArchiveLag(
                        lag.pending(),
                        lag.oldestAgeMs(),
                        lag.quarantined(),
                        lag.dropped(),
                        lag.pending() >= warnFraction * maxStreamEntries)));
    return result;
  }
}
