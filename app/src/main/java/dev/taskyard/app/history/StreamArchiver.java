package dev.taskyard.app.history;

import dev.taskyard.core.Taskyard;
import dev.taskyard.core.events.TaskEvent;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Copies every queue's event stream into the PostgreSQL history, on {@code
 * taskyard.archive.threads} container-managed threads per node ("lanes"; each queue belongs to one
 * lane, by hash, so one lane's PostgreSQL write overlaps another's Redis read and both cores of
 * PostgreSQL can work). Nodes share one consumer group (consumer name = this node's id), so each
 * entry is archived by one node; a batch is written in one transaction and acknowledged only after
 * the commit. When PostgreSQL (or Redis) fails, the entries stay pending, the loop backs off and
 * retries them first; entries left pending by a node that died are claimed after {@code
 * taskyard.archive.claim-idle-ms}.
 */
@ApplicationScoped
public class StreamArchiver {
  private static final Logger LOG = Logger.getLogger(StreamArchiver.class.getName());

  @Resource ManagedThreadFactory threads;
  @Inject Taskyard taskyard;
  @Inject ArchiveStreams streams;
  @Inject HistoryStore store;

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

  // Queues known to hold no entries pending on this consumer; any other is read from 0 first
  // (on start, too: this consumer may have left some behind).
  private final Set<String> noOwnPending = ConcurrentHashMap.newKeySet();
  private final Object wake = new Object();
  private final AtomicLong archivedRows = new AtomicLong();
  private final List<Thread> threadsStarted = new ArrayList<>();
  private volatile boolean running;
  private String consumer;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    if (!enabled) {
      LOG.info("History archiver disabled (taskyard.archive.enabled=false)");
      return;
    }
    consumer = consumerName.orElseGet(StreamArchiver::defaultConsumer);
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
    return archivedRows.get();
  }

  private void loop(int lane) {
    long backoffMs = pollIntervalMs;
    long claimedAt = 0;
    int laneCount = Math.max(1, lanes);
    while (running) {
      try {
        boolean busy = false;
        List<String> queues =
            taskyard.queues().queues().stream()
                .filter(q -> Math.floorMod(q.hashCode(), laneCount) == lane)
                .toList();
        if (System.currentTimeMillis() - claimedAt > claimIdleMs / 2) {
          reclaim(queues);
          claimedAt = System.currentTimeMillis();
        }
        for (String queue : queues) {
          busy |= archiveOnce(queue);
        }
        backoffMs = pollIntervalMs;
        if (!busy) {
          pause(pollIntervalMs);
        }
      } catch (RuntimeException e) {
        LOG.log(
            Level.WARNING,
            "Archiving failed, retrying in " + backoffMs + " ms: " + e,
            LOG.isLoggable(Level.FINE) ? e : null);
        pause(backoffMs);
        backoffMs = Math.min(maxBackoffMs, backoffMs * 2);
      }
    }
  }

  /** Archives one batch of the queue; true if there was one. */
  private boolean archiveOnce(String queue) {
    List<TaskEvent> events = List.of();
    if (!noOwnPending.contains(queue)) {
      events = streams.readPending(queue, consumer, batchEntries);
      if (events.isEmpty()) {
        noOwnPending.add(queue);
      }
    }
    if (events.isEmpty()) {
      events = streams.readNew(queue, consumer, batchEntries);
    }
    if (events.isEmpty()) {
      return false;
    }
    // Until acknowledged, these are ours to retry first, whatever fails below.
    noOwnPending.remove(queue);
    HistoryBatch batch = HistoryBatch.of(events);
    store.write(batch);
    streams.acknowledge(queue, events);
    archivedRows.addAndGet(batch.rows());
    return true;
  }

  private void reclaim(List<String> queues) {
    for (String queue : queues) {
      if (streams.reclaim(queue, consumer, Duration.ofMillis(claimIdleMs), batchEntries) > 0) {
        noOwnPending.remove(queue);
      }
    }
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

  private static String defaultConsumer() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "node";
    }
    return host + "-" + ProcessHandle.current().pid();
  }
}
