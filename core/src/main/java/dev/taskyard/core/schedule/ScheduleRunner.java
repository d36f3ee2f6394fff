package dev.taskyard.core.schedule;

import dev.taskyard.core.control.QueueRegistry;
import dev.taskyard.core.enqueue.QueueFullException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires the due schedules of every registered queue, on one thread. Run one per node, or several:
 * each fire is a compare-and-set in Redis, so racing runners create one task per fire time.
 *
 * <p>Idle queues cost nothing: the runner remembers when each queue has its next fire time and
 * reads a queue's schedules (one script call) only when that time comes, when {@link
 * ScheduleChanges} says the queue's schedules changed (a create, update, pause, resume or delete on
 * any node), and every queue after its subscription to those messages is made again (it may have
 * missed some) and once per {@link #FULL_READ}. Between those, a pass costs one read of the
 * registered queue names.
 *
 * <pre>{@code
 * try (ScheduleRunner runner = taskyard.scheduler().start()) { ... }
 * }</pre>
 */
public final class ScheduleRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ScheduleRunner.class);

  /** Longest sleep between two passes, unless {@link #start(ThreadFactory, Duration)} says. */
  public static final Duration POLL = Duration.ofSeconds(1);

  /** How often every queue's schedules are read, whatever the runner remembers. */
  static final Duration FULL_READ = Duration.ofMinutes(10);

  /** In {@link #changed}: every queue may have changed. */
  private static final String EVERY_QUEUE = "";

  /** In {@link #readAt}: the queue has no fire time planned. */
  private static final long NOTHING_PLANNED = Long.MIN_VALUE;

  /** Due schedules read per script call. */
  static final int BATCH = 100;

  private final Schedules schedules;
  private final QueueRegistry registry;
  private final ScheduleChanges changes;

  /** When each queue is to be read next ({@link System#nanoTime()}); absent: at the next pass. */
  private final Map<String, Long> readAt = new ConcurrentHashMap<>();

  private final BlockingQueue<String> changed = new LinkedBlockingQueue<>();
  private final AtomicLong passes = new AtomicLong();
  private final AtomicLong queueReads = new AtomicLong();
  private long lastFullRead;
  private long pollMs = POLL.toMillis();
  private volatile boolean closed;
  private Thread thread;
  private int[] listeners;

  ScheduleRunner(Schedules schedules, QueueRegistry registry, ScheduleChanges changes) {
    this.schedules = schedules;
    this.registry = registry;
    this.changes = changes;
  }

  /** Starts firing on a daemon thread until {@link #close()}. */
  public ScheduleRunner start() {
    return start(
        task -> {
          Thread t = new Thread(task);
          t.setDaemon(true);
          return t;
        },
        POLL);
  }

  /**
   * Starts firing on a thread of {@code threads} (a container's managed threads) until {@link
   * #close()}, sleeping at most {@code poll} between passes.
   */
  public synchronized ScheduleRunner start(ThreadFactory threads, Duration poll) {
    if (thread != null) {
      throw new IllegalStateException("The runner has been started already");
    }
    pollMs = Math.max(1, poll.toMillis());
    listeners = changes.listen(changed::add, () -> changed.add(EVERY_QUEUE));
    lastFullRead = System.nanoTime();
    thread = threads.newThread(this::loop);
    thread.setName("taskyard-schedules");
    thread.start();
    return this;
  }

  /**
   * One pass over every registered queue: fires everything due by the Redis clock, catching up fire
   * times that fell due meanwhile. What {@link #start()} runs, for the queues that need it, each
   * time it wakes.
   *
   * @return the tasks created
   */
  public int fireDue() {
    readAt.clear();
    return pass().created();
  }

  /** Passes made since start: each reads the registered queue names. */
  long passes() {
    return passes.get();
  }

  /** Reads of one queue's schedules (one script call each) since start. */
  long queueReads() {
    return queueReads.get();
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (thread != null) {
      changes.stopListening(listeners);
      thread.interrupt();
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void loop() {
    while (!closed) {
      long sleepMs = pollMs;
      try {
        if (System.nanoTime() - lastFullRead >= FULL_READ.toNanos()) {
          lastFullRead = System.nanoTime();
          readAt.clear();
        }
        sleepMs = pass().sleepMs();
      } catch (RuntimeException e) {
        LOG.warn("Firing schedules failed: {}", e.toString());
      }
      try {
        String queue = changed.poll(sleepMs, TimeUnit.MILLISECONDS);
        while (queue != null) {
          if (queue.equals(EVERY_QUEUE)) {
            readAt.clear();
          } else {
            readAt.remove(queue);
          }
          queue = changed.poll();
        }
      } catch (InterruptedException e) {
        return; // closed
      }
    }
  }

  /** What a pass did, and how long the runner may sleep after it. */
  private record Pass(int created, long sleepMs) {}

  private Pass pass() {
    passes.incrementAndGet();
    int created = 0;
    long sleepMs = pollMs;
    for (String queue : registry.names()) {
      Long at = readAt.get(queue);
      long now = System.nanoTime();
      if (at != null && at == NOTHING_PLANNED) {
        continue;
      }
      if (at != null && at - now > 0) {
        sleepMs = Math.min(sleepMs, TimeUnit.NANOSECONDS.toMillis(at - now));
        continue;
      }
      try {
        Pass p = pass(queue);
        created += p.created();
        sleepMs = Math.min(sleepMs, p.sleepMs());
      } catch (RuntimeException e) {
        readAt.remove(queue); // try it again on the next pass
        LOG.warn("Firing the schedules of queue {} failed: {}", queue, e.toString());
      }
    }
    return new Pass(created, sleepMs);
  }

  /**
   * Fires a queue's due schedules until none is due, and remembers when it has its next fire time
   * (a lagging schedule may fire many times).
   */
  private Pass pass(String queue) {
    int created = 0;
    while (true) {
      Schedules.Read due = schedules.due(queue, BATCH);
      queueReads.incrementAndGet();
      int fired = 0;
      for (Schedule s : due.schedules()) {
        try {
          Schedules.Fired f = fire(s, due.now());
          fired += f.done() ? 1 : 0;
          created += f.created() ? 1 : 0;
        } catch (QueueFullException e) {
          LOG.warn("Schedule {} of queue {} waits: {}", s.name(), queue, e.getMessage());
        }
      }
      if (fired == 0) {
        if (due.nextDue().isEmpty()) {
          readAt.put(queue, NOTHING_PLANNED); // read again on a change or the next full read
          return new Pass(created, pollMs);
        }
        long untilMs = Math.max(0, due.nextDue().get().toEpochMilli() - due.now().toEpochMilli());
        if (!due.schedules().isEmpty()) {
          untilMs = pollMs; // a full queue keeps a due schedule waiting: try again soon
        }
        readAt.put(queue, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(untilMs));
        return new Pass(created, untilMs);
      }
    }
  }

  private Schedules.Fired fire(Schedule s, Instant now) {
    Instant due = s.nextFireAt().orElseThrow(); // a paused schedule is never due
    FirePlan plan = FirePlan.of(s.definition().times(), due, now, s.definition().missedFires());
    Schedules.Fired fired = schedules.fire(s, plan);
    if (fired.done() && plan.missed(due)) {
      LOG.info(
          "Schedule {} of queue {} missed its fire times from {}; by policy {} it fired {}",
          s.name(),
          s.queue(),
          due,
          s.definition().missedFires(),
          plan.fireAt().map(Instant::toString).orElse("nothing"));
    }
    return fired;
  }
}
