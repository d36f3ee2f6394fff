package dev.taskyard.app.history;

import dev.taskyard.app.platform.NodeName;
import dev.taskyard.app.platform.OutageLog;
import dev.taskyard.app.queues.ActiveQueues;
import dev.taskyard.core.Taskyard;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Copies every queue's event stream into the PostgreSQL history, on {@code
 * taskyard.archive.threads} container-managed threads per node ("lanes"; each queue belongs to one
 * lane, by hash, so one lane's PostgreSQL write overlaps another's Redis read and both cores of
 * PostgreSQL can work). Nodes share one consumer group (consumer name = this node's id), so each
 * entry is archived by one node; {@link BatchArchiver} writes and acknowledges. A failure stays
 * with its queue: that queue's entries stay pending and it backs off alone while the lane goes on
 * with the others; entries left pending by a node that died are claimed after {@code
 * taskyard.archive.claim-idle-ms}.
 *
 * <p>Idle queues cost nothing: an idle lane waits in one blocking read on all its queues' streams
 * at once (see {@link ArchiveStreams#awaitNew}); the queues it wakes for are read one by one until
 * archived, while a quick look every {@code taskyard.archive.poll-interval-ms} finds others. Those
 * it wakes for are marked in {@link ActiveQueues}, which the alert rounds and metric samples read.
 */
@ApplicationScoped
public class StreamArchiver {
  private static final Logger LOG = Logger.getLogger(StreamArchiver.class.getName());

  /**
   * How long an idle lane's one read waits for new entries in any of its queues: at most this late
   * is a new queue first watched, and a stopping node waits this long at most.
   */
  static final Duration IDLE_WAIT = Duration.ofSeconds(1);

  @Resource ManagedThreadFactory threads;
  @Inject Taskyard taskyard;
  @Inject ArchiveStreams streams;
  @Inject HistoryStore store;
  @Inject ArchiveQuarantine quarantine;
  @Inject ActiveQueues activeQueues;

  @Inject
  @ConfigProperty(name = "taskyard.archive.enabled", defaultValue = "true")
  boolean enabled;

  @Inject
  @ConfigProperty(name = "taskyard.archive.threads", defaultValue = "2")
  int lanes;

  @Inject
  @ConfigProperty(name = "taskyard.archive.batch-entries", defaultValue = "500")
  int batchEntries;

  @Inject
  @ConfigProperty(name = "taskyard.archive.batch-tasks", defaultValue = "10000")
  int batchTasks;

  @Inject
  @ConfigProperty(name = "taskyard.archive.max-attempts", defaultValue = "3")
  int maxAttempts;

  @Inject
  @ConfigProperty(name = "taskyard.archive.poll-interval-ms", defaultValue = "200")
  long pollIntervalMs;

  @Inject
  @ConfigProperty(name = "taskyard.archive.claim-idle-ms", defaultValue = "60000")
  long claimIdleMs;

  @Inject
  @ConfigProperty(name = "taskyard.archive.max-backoff-ms", defaultValue = "30000")
  long maxBackoffMs;

  @Inject
  @ConfigProperty(name = "taskyard.archive.consumer")
  Optional<String> consumerName;

  private final Object wake = new Object();
  // Queues whose last try failed: when to try again, and the back-off after that.
  private final Map<String, Backoff> backoffs = new ConcurrentHashMap<>();
  private BatchArchiver archiver;
  private final List<Thread> threadsStarted = new ArrayList<>();
  private volatile boolean running;
  private String consumer;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    if (!enabled) {
      LOG.info("History archiver disabled (taskyard.archive.enabled=false)");
      return;
    }
    consumer = consumerName.orElseGet(NodeName::consumer);
    archiver =
        new BatchArchiver(
            streams,
            store,
            quarantine,
            new BatchArchiver.Limits(batchEntries, batchTasks, Math.max(1, maxAttempts)));
    running = true;
    for (int lane = 0; lane < Math.max(1, lanes); lane++) {
      int own = lane;
      Thread thread = threads.newThread(() -> loop(own));
      thread.setName("taskyard-archiver-" + lane);
      thread.start();
      threadsStarted.add(thread);
    }
  }

  @PreDestroy
  void stop() {
    running = false;
    synchronized (wake) {
      wake.notifyAll();
    }
    long deadline = System.currentTimeMillis() + TimeUnit.SECONDS.toMillis(15);
    for (Thread thread : threadsStarted) {
      try {
        thread.join(Math.max(1, deadline - System.currentTimeMillis()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Task rows and timeline events this node has written since it started. */
  public long archivedRows() {
    return archiver == null ? 0 : archiver.archivedRows();
  }

  private void loop(int lane) {
    long backoffMs = pollIntervalMs;
    long upkeptAt = 0;
    long watchedAt = 0;
    int laneCount = Math.max(1, lanes);
    // Queues with entries to archive as last seen, or backing off: read one by one until done.
    Set<String> active = new LinkedHashSet<>();
    while (running) {
      try {
        List<String> queues =
            taskyard.queues().queues().stream()
                .filter(q -> Math.floorMod(q.hashCode(), laneCount) == lane)
                .toList();
        if (queues.isEmpty()) {
          active.clear();
          pause(IDLE_WAIT.toMillis()); // nothing to watch: no read would wait
          continue;
        }
        active.retainAll(new HashSet<>(queues));
        if (System.currentTimeMillis() - upkeptAt > claimIdleMs / 2) {
          active.addAll(upkeep(queues));
          upkeptAt = System.currentTimeMillis();
        }
        if (active.isEmpty() || System.currentTimeMillis() - watchedAt >= pollIntervalMs) {
          // Idle, one blocking read watches every queue of the lane; busy, a quick look for others.
          Set<String> woken =
              streams.awaitNew(queues, consumer, active.isEmpty() ? IDLE_WAIT : Duration.ZERO);
          watchedAt = System.currentTimeMillis();
          woken.forEach(archiver::reclaimed); // their first entries are pending on us now
          activeQueues.seen(woken);
          active.addAll(woken);
        }
        boolean busy = false;
        for (Iterator<String> it = active.iterator(); it.hasNext(); ) {
          String queue = it.next();
          boolean more = archiveOnce(queue);
          busy |= more;
          if (!more && !backoffs.containsKey(queue)) {
            it.remove();
          }
        }
        backoffMs = pollIntervalMs;
        if (!busy && !active.isEmpty()) {
          pause(pollIntervalMs); // all that is left backs off
        }
      } catch (RuntimeException e) {
        // Listing or watching the queues failed: Redis is away.
        OutageLog.warning(LOG, "Archiving failed, retrying in " + backoffMs + " ms", e);
        pause(backoffMs);
        backoffMs = Math.min(maxBackoffMs, backoffMs * 2);
      }
    }
  }

  /** Archives the queue's next entries unless it is backing off; true if there were any. */
  private boolean archiveOnce(String queue) {
    Backoff backoff = backoffs.get(queue);
    if (backoff != null && System.currentTimeMillis() < backoff.retryAt()) {
      return false;
    }
    try {
      boolean busy = archiver.archiveNext(queue, consumer);
      backoffs.remove(queue);
      return busy;
    } catch (RuntimeException e) {
      long delay = backoff == null ? pollIntervalMs : Math.min(maxBackoffMs, backoff.delayMs() * 2);
      backoffs.put(queue, new Backoff(System.currentTimeMillis() + delay, delay));
      OutageLog.warning(
          LOG, "Archiving queue " + queue + " failed, retrying in " + delay + " ms", e);
      return false;
    }
  }

  private record Backoff(long retryAt, long delayMs) {}

  /**
   * Takes over what dead nodes left pending, and holds each stream to its limit; only streams that
   * hold entries can need either (acknowledging trims a stream empty), and one command finds them.
   *
   * @return the queues with entries taken over, to archive now
   */
  private Set<String> upkeep(List<String> queues) {
    Set<String> reclaimed = new LinkedHashSet<>();
    for (String queue : streams.holdingEntries(queues)) {
      try {
        streams.enforceLimit(queue);
        if (streams.reclaim(queue, consumer, Duration.ofMillis(claimIdleMs), batchEntries) > 0) {
          archiver.reclaimed(queue);
          reclaimed.add(queue);
        }
      } catch (RuntimeException e) {
        // This queue's stream only: the others still get theirs.
        LOG.warning("Archive upkeep of queue " + queue + " failed: " + e);
      }
    }
    return reclaimed;
  }

  private void pause(long ms) {
    synchronized (wake) {
      if (running) {
        try {
          wake.wait(ms);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          running = false;
        }
      }
    }
  }
}
