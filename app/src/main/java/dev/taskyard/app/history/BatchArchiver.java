package dev.taskyard.app.history;

import dev.taskyard.core.events.EventEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * Archives one queue's next entries for one consumer: reads them through the group, writes them in
 * batches of at most a budget of task changes (an entry names up to a thousand tasks), and
 * acknowledges each batch after its commit. A failure stays with the entry that causes it: a batch
 * PostgreSQL refuses (or that does not decode) is split in halves down to the single entry, which
 * is retried up to {@code maxAttempts} times and then set aside in the quarantine, acknowledged, so
 * the queue moves on. A batch that times out is split too, and the queue's budget halves (it grows
 * back as batches succeed). What this cannot settle (PostgreSQL or Redis away, a single entry too
 * slow) is thrown: the entries stay pending and the caller backs off.
 */
final class BatchArchiver {
  private static final Logger LOG = Logger.getLogger(BatchArchiver.class.getName());

  private final ArchiveStreams streams;
  private final HistoryStore store;
  private final ArchiveQuarantine quarantine;
  private final Limits limits;
  // Queues known to hold no entries pending on this consumer; any other is read from 0 first
  // (on start, too: this consumer may have left some behind).
  private final Set<String> noOwnPending = ConcurrentHashMap.newKeySet();
  private final Map<String, Integer> budgets = new ConcurrentHashMap<>();
  private final Map<String, Integer> failures = new ConcurrentHashMap<>();
  private final AtomicLong archivedRows = new AtomicLong();

  /**
   * @param entriesPerRead stream entries read at once
   * @param tasksPerBatch task changes written in one transaction (at least one entry is)
   * @param maxAttempts tries of an entry that fails alone before it is set aside
   */
  record Limits(int entriesPerRead, int tasksPerBatch, int maxAttempts) {}

  BatchArchiver(
      ArchiveStreams streams, HistoryStore store, ArchiveQuarantine quarantine, Limits limits) {
    this.streams = streams;
    this.store = store;
    this.quarantine = quarantine;
    this.limits = limits;
  }

  /** Task rows and timeline events written so far. */
  long archivedRows() {
    return archivedRows.get();
  }

  /** Archives the queue's next entries as {@code consumer}; true if there were any. */
  boolean archiveNext(String queue, String consumer) {
    List<EventEntry> entries = List.of();
    if (!noOwnPending.contains(queue)) {
      entries = streams.readPending(queue, consumer, limits.entriesPerRead());
      if (entries.isEmpty()) {
        noOwnPending.add(queue);
      }
    }
    if (entries.isEmpty()) {
      entries = streams.readNew(queue, consumer, limits.entriesPerRead());
    }
    if (entries.isEmpty()) {
      return false;
    }
    // Until acknowledged, these are ours to retry first, whatever fails below.
    noOwnPending.remove(queue);
    List<EventEntry> kept = new ArrayList<>(entries.size());
    for (EventEntry entry : entries) {
      if (entry.trimmed()) {
        lost(entry);
      } else {
        kept.add(entry);
      }
    }
    int budget = budget(queue);
    for (List<EventEntry> batch : batches(kept, budget)) {
      archive(queue, batch);
    }
    if (budget(queue) == budget && budget < limits.tasksPerBatch()) {
      // No timeout this time: grow back toward the configured size.
      budgets.put(queue, Math.min(limits.tasksPerBatch(), budget * 2));
    }
    return true;
  }

  /** The queue's entries claimed back from a consumer that stopped; they are read as pending. */
  void reclaimed(String queue) {
    noOwnPending.remove(queue);
  }

  private int budget(String queue) {
    return budgets.getOrDefault(queue, limits.tasksPerBatch());
  }

  /** Consecutive runs of entries of at most {@code budget} tasks, at least one entry each. */
  static List<List<EventEntry>> batches(List<EventEntry> entries, int budget) {
    List<List<EventEntry>> batches = new ArrayList<>();
    List<EventEntry> current = new ArrayList<>();
    int tasks = 0;
    for (EventEntry entry : entries) {
      int count = entry.taskCount();
      if (!current.isEmpty() && count > 0 && tasks + count > budget) {
        batches.add(current);
        current = new ArrayList<>();
        tasks = 0;
      }
      current.add(entry);
      tasks += count;
    }
    if (!current.isEmpty()) {
      batches.add(current);
    }
    return batches;
  }

  private void archive(String queue, List<EventEntry> entries) {
    try {
      HistoryBatch batch = HistoryBatch.of(entries.stream().map(EventEntry::event).toList());
      store.write(batch);
      archivedRows.addAndGet(batch.rows());
    } catch (TimeoutException e) {
      if (entries.size() == 1) {
        // One entry is small: the database is slow, not the entry bad. Back off and retry.
        throw e;
      }
      budgets.put(queue, Math.max(1, tasks(entries) / 2));
      splitAndArchive(queue, entries);
      return;
    } catch (HistoryUnavailableException | FaultToleranceException e) {
      throw e;
    } catch (RuntimeException e) {
      // Refused by PostgreSQL, or not decodable: the fault is in some entry of these.
      if (entries.size() > 1) {
        splitAndArchive(queue, entries);
      } else {
        failedAlone(entries.get(0), e);
      }
      return;
    }
    streams.acknowledge(queue, entries);
    entries.forEach(e -> failures.remove(key(e)));
  }

  private void splitAndArchive(String queue, List<EventEntry> entries) {
    int half = entries.size() / 2;
    archive(queue, entries.subList(0, half));
    archive(queue, entries.subList(half, entries.size()));
  }

  private void failedAlone(EventEntry entry, RuntimeException error) {
    int attempts = failures.merge(key(entry), 1, Integer::sum);
    if (attempts < limits.maxAttempts()) {
      throw new EntryFailedException(entry, attempts, error);
    }
    quarantine.add(entry, attempts, String.valueOf(error));
    streams.acknowledge(entry.queue(), List.of(entry));
    streams.quarantined(entry.queue());
    failures.remove(key(entry));
    LOG.warning(
        () ->
            "Set aside in the archive quarantine after "
                + attempts
                + " attempts: queue "
                + entry.queue()
                + ", entry "
                + entry.streamId()
                + ": "
                + error);
  }

  /** An entry trimmed from the stream while pending: its content is gone, counted as lost. */
  private void lost(EventEntry entry) {
    streams.acknowledge(entry.queue(), List.of(entry));
    streams.dropped(entry.queue());
    LOG.warning(
        () ->
            "Lost to history: entry "
                + entry.streamId()
                + " of queue "
                + entry.queue()
                + " was trimmed from the stream before it was archived");
  }

  private static int tasks(List<EventEntry> entries) {
    return entries.stream().mapToInt(EventEntry::taskCount).sum();
  }

  private static String key(EventEntry entry) {
    return entry.queue() + " " + entry.streamId();
  }

  /** An entry failed on its own and will be tried again (it is not yet set aside). */
  static final class EntryFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    EntryFailedException(EventEntry entry, int attempts, Throwable cause) {
      super(
          "entry "
              + entry.streamId()
              + " of queue "
              + entry.queue()
              + " failed (attempt "
              + attempts
              + "): "
              + cause,
          cause);
    }
  }
}
