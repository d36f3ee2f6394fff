package dev.taskyard.app.audit;

import dev.taskyard.app.platform.NodeName;
import dev.taskyard.app.platform.OutageLog;
import dev.taskyard.core.events.EventEntry;
import dev.taskyard.core.events.EventGroupReader;
import dev.taskyard.core.redis.QueueKeys;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.redisson.api.RedissonClient;

/**
 * Moves the audit log's Redis stream into PostgreSQL on one container-managed thread per node, the
 * way the history archiver moves the queues' streams: the nodes share one consumer group (consumer
 * name = this node's), entries are written in batches of up to {@code taskyard.audit.batch-entries}
 * and acknowledged after the commit (the stream is trimmed only below what the group has
 * acknowledged), and entries left pending by a node that died are taken over after {@code
 * taskyard.audit.claim-idle-ms}. Inserts are idempotent on the entry's id, so an entry written
 * twice (taken over from a node that had written it but not yet acknowledged it) is kept once.
 *
 * <p>While PostgreSQL is away the entries stay in the stream and the thread backs off, up to {@code
 * taskyard.audit.max-backoff-ms}. An entry PostgreSQL refuses (which sanitised entries should never
 * be) is retried alone, then logged whole, counted as lost and acknowledged, so it blocks no other.
 */
@ApplicationScoped
public class AuditArchiver {
  private static final Logger LOG = Logger.getLogger(AuditArchiver.class.getName());
  static final String GROUP = "taskyard-audit";

  /** The name the group reader knows the one stream by. */
  private static final String STREAM = "audit";

  /** How long an idle read waits for new entries; a stopping node waits this long at most. */
  private static final Duration IDLE_WAIT = Duration.ofSeconds(1);

  @Resource ManagedThreadFactory threads;
  @Inject RedissonClient redisson;
  @Inject AuditStore store;
  @Inject AuditLog log;

  @Inject
  @ConfigProperty(name = "taskyard.audit.batch-entries", defaultValue = "500")
  int batchEntries;

  @Inject
  @ConfigProperty(name = "taskyard.audit.claim-idle-ms", defaultValue = "60000")
  long claimIdleMs;

  @Inject
  @ConfigProperty(name = "taskyard.audit.max-backoff-ms", defaultValue = "30000")
  long maxBackoffMs;

  @Inject
  @ConfigProperty(name = "taskyard.archive.consumer")
  Optional<String> consumerName;

  private final Object wake = new Object();
  private EventGroupReader reader;
  private String consumer;
  private Thread thread;
  private volatile boolean running;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    reader = new EventGroupReader(redisson, GROUP, name -> QueueKeys.AUDIT);
    consumer = consumerName.orElseGet(NodeName::consumer);
    running = true;
    thread = threads.newThread(this::loop);
    thread.setName("taskyard-audit-archiver");
    thread.start();
  }

  @PreDestroy
  void stop() {
    running = false;
    synchronized (wake) {
      wake.notifyAll();
    }
    if (thread != null) {
      try {
        thread.join(Duration.ofSeconds(15).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void loop() {
    long backoffMs = 100;
    long upkeptAt = 0;
    // Until read empty, this consumer may hold entries (left by its last run, or taken over).
    boolean ownPending = true;
    while (running) {
      try {
        if (System.currentTimeMillis() - upkeptAt > claimIdleMs / 2) {
          ownPending |=
              reader.reclaim(STREAM, consumer, Duration.ofMillis(claimIdleMs), batchEntries) > 0;
          upkeptAt = System.currentTimeMillis();
        }
        List<EventEntry> entries =
            ownPending
                ? reader.readPending(STREAM, consumer, batchEntries)
                : reader.readNew(STREAM, consumer, batchEntries);
        if (entries.isEmpty()) {
          // Idle: one blocking read hands this consumer the next new entry, as pending.
          ownPending =
              !ownPending && !reader.awaitNew(List.of(STREAM), consumer, IDLE_WAIT).isEmpty();
          continue;
        }
        ownPending = true;
        archive(entries);
        backoffMs = 100;
      } catch (RuntimeException e) {
        OutageLog.warning(
            LOG, "Archiving the audit log failed, retrying in " + backoffMs + " ms", e);
        pause(backoffMs);
        backoffMs = Math.min(maxBackoffMs, backoffMs * 2);
      }
    }
  }

  /**
   * Writes the entries and acknowledges them; throws (leaving them pending) if PostgreSQL is away.
   */
  void archive(List<EventEntry> entries) {
    List<AuditEntry> decoded = new ArrayList<>(entries.size());
    List<String> ids = new ArrayList<>(entries.size());
    for (EventEntry e : entries) {
      ids.add(e.streamId());
      if (e.trimmed()) {
        // Cannot happen while only acknowledging trims the stream; counted if it does.
        log.lost(AuditEntry.fromFields(e.streamId(), Map.of()), "trimmed from the stream unread");
      } else {
        decoded.add(AuditEntry.fromFields(e.streamId(), e.fields()));
      }
    }
    try {
      store.write(decoded);
    } catch (AuditRefusedException refused) {
      for (AuditEntry entry : decoded) {
        try {
          store.write(List.of(entry));
        } catch (AuditRefusedException e) {
          log.lost(entry, "PostgreSQL refused it (" + e.getMessage() + ")");
        }
      }
    }
    reader.acknowledge(STREAM, ids);
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
