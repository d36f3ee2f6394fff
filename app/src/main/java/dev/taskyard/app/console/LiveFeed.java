package dev.taskyard.app.console;

import dev.taskyard.app.alerts.AlertPublisher;
import dev.taskyard.app.alerts.AlertStore;
import dev.taskyard.app.metrics.MetricsJobs;
import dev.taskyard.app.platform.OutageLog;
import dev.taskyard.app.queues.QueueStore;
import dev.taskyard.app.queues.QueueWorkers;
import dev.taskyard.core.Taskyard;
import dev.taskyard.core.events.EventSubscription;
import dev.taskyard.core.events.TaskEvent;
import dev.taskyard.core.redis.QueueKeys;
import dev.taskyard.core.stats.QueueStatus;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.websocket.Session;
import java.io.StringReader;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * What the console's open pages see change: one engine event subscription for this node, open while
 * at least one browser is connected, fanned out to every browser over its WebSocket ({@link
 * LiveSocket}).
 *
 * <p>Events only mark queues as changed; the queues' counts are then read in one round trip and
 * sent, so a browser never adds up deltas and cannot drift. The first change after a quiet spell
 * goes out at once; after that, sends are at least {@link #MIN_GAP} apart, so however many tasks
 * run, a browser gets at most ten updates a second. A browser that has not taken its last update
 * yet is skipped and gets every queue once it has. A browser that connects, or reconnects after a
 * break, first gets every queue.
 *
 * <p>Worker nodes that join, leave or change their load ({@link QueueKeys#WORKER_CHANGES_CHANNEL})
 * only mark the workers as changed: the next flush tells the browsers so, once, and the pages that
 * show workers read them again. Lost nodes are told by their alert.
 *
 * <p>Every update also carries each queue's open alerts and the header's totals over all queues
 * ({@link HeaderTotals}); the open alerts are read from PostgreSQL when a browser connects and when
 * an alert changes, never per update.
 *
 * <p>Alerts raised and resolved on any node come over Redis pub/sub and go to every browser as they
 * are; then the alert's queue is sent again with its new count. A message that finds a browser
 * still taking the previous one is dropped for it (a toast, not a count: the notifications page
 * reads the list itself). So do the metrics samples the sampling node announces ({@link
 * MetricsJobs#CHANNEL}): a browser showing charts asks for their new points.
 *
 * <p>The archiver trims what it has read from a stream, so the feed can miss an event that comes
 * and goes between two of its reads: a change's queues are read once more {@link #SETTLE} later
 * (unless they changed again), and a new queue is announced by the subscription itself.
 *
 * <p>The feed runs its work on threads of its own, made when it starts, in the application's
 * context. Most work is planned from the Redis client's and the engine's threads, which carry no
 * context of the application (or, made while the server answered a probe, the server's own web
 * module): the container's executor would run such a task in that context, or refuse it.
 */
@ApplicationScoped
public class LiveFeed {
  /** The shortest time between two updates to the browsers: at most ten a second. */
  static final Duration MIN_GAP = Duration.ofMillis(100);

  /** How long after a change its queues are read once more, in case an event went unseen. */
  static final Duration SETTLE = Duration.ofSeconds(1);

  private static final String WORKERS_CHANGED = "{\"type\":\"workers\"}";
  private static final Logger LOG = Logger.getLogger(LiveFeed.class.getName());

  @Inject Taskyard taskyard;
  @Inject QueueStore queues;
  @Inject RedissonClient redisson;
  @Inject AlertStore alertStore;
  @Resource ManagedThreadFactory threads;

  private ScheduledThreadPoolExecutor scheduler;

  private final Map<Session, LiveBrowser> browsers = new ConcurrentHashMap<>();
  private final Set<String> changed = ConcurrentHashMap.newKeySet();
  private final Set<String> settling = ConcurrentHashMap.newKeySet();
  private final Map<String, Long> lastEventNanos = new ConcurrentHashMap<>();
  private final HeaderTotals.Tracker totals = new HeaderTotals.Tracker();
  private volatile Map<String, Integer> openAlerts = Map.of();
  private EventSubscription subscription;
  private int alertListener;
  private int workersListener;
  private final AtomicBoolean workersChanged = new AtomicBoolean();
  private int metricsListener;
  private boolean flushPlanned;
  private long lastFlushNanos = System.nanoTime() - MIN_GAP.toNanos();

  @PostConstruct
  void start() {
    // Two threads: a snapshot or a slow PostgreSQL read does not hold a flush back.
    scheduler = new ScheduledThreadPoolExecutor(2, threads);
    scheduler.setRemoveOnCancelPolicy(true);
    scheduler.prestartAllCoreThreads();
  }

  /** A browser connected: it gets every queue now, then the changes. */
  void join(Session session) {
    LiveBrowser browser = new LiveBrowser(session);
    browsers.put(session, browser);
    synchronized (this) {
      if (subscription == null) {
        subscription = taskyard.events().subscribe(this::onEvents, this::onQueuesAdded);
        alertListener = alerts().addListener(String.class, (channel, alert) -> onAlert(alert));
        workersListener = workers().addListener(String.class, (channel, node) -> onWorkers());
        metricsListener =
            metrics().addListener(String.class, (channel, sample) -> broadcast(sample));
      }
    }
    scheduler.execute(
        () -> {
          readOpenAlerts();
          browser.send(snapshot(true));
        });
  }

  /** A browser went away; the last one to leave closes the subscription. */
  void leave(Session session) {
    browsers.remove(session);
    EventSubscription closing = null;
    synchronized (this) {
      if (browsers.isEmpty() && subscription != null) {
        closing = subscription;
        subscription = null;
        alerts().removeListener(alertListener);
        workers().removeListener(workersListener);
        metrics().removeListener(metricsListener);
      }
    }
    if (closing != null) {
      closing.close();
    }
  }

  /** Alerts raised and resolved on any node ({@link AlertPublisher}): a toast in every browser. */
  private RTopic alerts() {
    return redisson.getTopic(AlertPublisher.CHANNEL, StringCodec.INSTANCE);
  }

  private RTopic workers() {
    return redisson.getTopic(QueueKeys.WORKER_CHANGES_CHANNEL, StringCodec.INSTANCE);
  }

  private void onWorkers() {
    workersChanged.set(true);
    planFlush();
  }

  /** Metrics samples stored by whichever node samples ({@link MetricsJobs}). */
  private RTopic metrics() {
    return redisson.getTopic(MetricsJobs.CHANNEL, StringCodec.INSTANCE);
  }

  /** A toast now; then, off Redisson's thread, the alert's queue with its new open count. */
  private void onAlert(String alert) {
    broadcast(alert);
    scheduler.execute(
        () -> {
          readOpenAlerts();
          String queue =
              Json.createReader(new StringReader(alert)).readObject().getString("queue", null);
          if (queue != null) {
            settling.add(queue);
            planFlush();
          }
        });
  }

  /** Each queue's open alerts; while PostgreSQL is away, the last counts read stand. */
  private void readOpenAlerts() {
    try {
      openAlerts = alertStore.openCounts();
    } catch (SQLException | RuntimeException e) {
      OutageLog.warning(LOG, "Open alert counts not read: PostgreSQL unavailable", e);
    }
  }

  private void broadcast(String message) {
    for (LiveBrowser browser : browsers.values()) {
      browser.send(message);
    }
  }

  /** How many browsers are connected to this node. */
  public int browsers() {
    return browsers.size();
  }

  private void onEvents(List<TaskEvent> events) {
    long now = System.nanoTime();
    for (TaskEvent event : events) {
      changed.add(event.queue());
      lastEventNanos.put(event.queue(), now);
    }
    planFlush();
  }

  private void onQueuesAdded(List<String> added) {
    settling.addAll(added);
    planFlush();
  }

  /**
   * Reads the queues of a flush once more {@link #SETTLE} later, unless they have changed since: an
   * event the feed missed (trimmed by the archiver between two reads) cannot leave a count behind
   * for longer than that.
   */
  private void settleLater(List<String> names, long flushedAtNanos) {
    scheduler.schedule(
        () -> {
          for (String name : names) {
            if (lastEventNanos.getOrDefault(name, 0L) <= flushedAtNanos) {
              settling.add(name);
            }
          }
          planFlush();
        },
        SETTLE.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private synchronized void planFlush() {
    if (flushPlanned) {
      return;
    }
    long wait = lastFlushNanos + MIN_GAP.toNanos() - System.nanoTime();
    try {
      scheduler.schedule(this::flush, Math.max(0, wait), TimeUnit.NANOSECONDS);
      flushPlanned = true;
    } catch (RejectedExecutionException e) {
      // Stopping: nothing more to send.
    }
  }

  private void flush() {
    long now = System.nanoTime();
    List<String> fresh = new ArrayList<>(changed);
    changed.removeAll(fresh);
    boolean workers = workersChanged.getAndSet(false);
    synchronized (this) {
      flushPlanned = false;
      // Only changes count against the gap: a settling read must not hold the next change back.
      if (!fresh.isEmpty() || workers) {
        lastFlushNanos = now;
      }
    }
    Set<String> names = new LinkedHashSet<>(fresh);
    List<String> settled = new ArrayList<>(settling);
    settling.removeAll(settled);
    names.addAll(settled);
    if ((names.isEmpty() && !workers) || browsers.isEmpty()) {
      return;
    }
    String update;
    try {
      // A queues update makes the worker pages read again too: no need to say both.
      update =
          names.isEmpty()
              ? WORKERS_CHANGED
              : message(queues.statuses(List.copyOf(names)), queues.workersByQueue(), false);
    } catch (RuntimeException e) {
      OutageLog.warning(LOG, "Live update skipped: Redis unavailable", e);
      changed.addAll(names);
      if (workers) {
        workersChanged.set(true);
      }
      return;
    }
    if (!fresh.isEmpty()) {
      settleLater(fresh, now);
    }
    String full = null;
    for (LiveBrowser browser : browsers.values()) {
      if (browser.stale()) {
        full = full == null ? snapshot(true) : full;
        browser.send(full);
      } else {
        browser.send(update);
      }
    }
  }

  /** Every queue's counts, as a message. */
  private String snapshot(boolean full) {
    try {
      return message(queues.statuses(), queues.workersByQueue(), full);
    } catch (RuntimeException e) {
      OutageLog.warning(LOG, "Live snapshot failed: Redis unavailable", e);
      return Json.createObjectBuilder().add("type", "unavailable").build().toString();
    }
  }

  /** {@link #message(List, Map, Map, HeaderTotals, boolean)} with this node's alerts and totals. */
  private String message(
      List<QueueStatus> statuses, Map<String, QueueWorkers> workers, boolean full) {
    Map<String, Integer> alerts = openAlerts;
    return message(statuses, workers, alerts, totals.update(statuses, full, alerts), full);
  }

  /**
   * The counts of {@code statuses} with their workers and open alerts, the header's {@code totals},
   * and when they were read ({@code at}, epoch milliseconds).
   */
  static String message(
      List<QueueStatus> statuses,
      Map<String, QueueWorkers> workers,
      Map<String, Integer> alerts,
      HeaderTotals totals,
      boolean full) {
    JsonArrayBuilder list = Json.createArrayBuilder();
    Set<String> seen = new HashSet<>();
    for (QueueStatus s : statuses) {
      if (!seen.add(s.queue())) {
        continue;
      }
      list.add(
          Json.createObjectBuilder()
              .add("queue", s.queue())
              .add("queued", s.queued())
              .add("running", s.running())
              .add("scheduled", s.scheduled())
              .add("waiting", s.waiting())
              .add("dead", s.dead())
              .add("succeeded", s.totals().succeeded())
              .add("failed", s.totals().failed())
              .add("alerts", alerts.getOrDefault(s.queue(), 0))
              .add("oldestMs", s.oldestQueuedAge().map(Duration::toMillis).orElse(0L))
              .add("busy", workers.getOrDefault(s.queue(), QueueWorkers.NONE).busy())
              .add("threads", workers.getOrDefault(s.queue(), QueueWorkers.NONE).threads())
              .add("paused", s.paused()));
    }
    return Json.createObjectBuilder()
        .add("type", "queues")
        .add("full", full)
        .add("at", System.currentTimeMillis())
        .add(
            "totals",
            Json.createObjectBuilder()
                .add("queued", totals.queued())
                .add("running", totals.running())
                .add("dead", totals.dead())
                .add("openAlerts", totals.openAlerts()))
        .add("queues", list)
        .build()
        .toString();
  }

  @PreDestroy
  synchronized void close() {
    if (subscription != null) {
      subscription.close();
      subscription = null;
      alerts().removeListener(alertListener);
      workers().removeListener(workersListener);
      metrics().removeListener(metricsListener);
    }
    scheduler.shutdownNow();
  }
}
