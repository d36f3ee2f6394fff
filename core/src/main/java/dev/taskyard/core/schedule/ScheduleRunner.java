package dev.taskyard.core.schedule;

import dev.taskyard.core.control.QueueRegistry;
import dev.taskyard.core.enqueue.QueueFullException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires the due schedules of every registered queue, on one thread. Run one per node, or several:
 * each fire is a compare-and-set in Redis, so racing runners create one task per fire time. Each
 * pass reads every queue's due schedules (one script call per queue), then sleeps until the next
 * fire time, {@link #POLL} at the most, which is how soon a schedule created elsewhere is seen.
 *
 * <pre>{@code
 * try (ScheduleRunner runner = taskyard.scheduler().start()) { ... }
 * }</pre>
 */
public final class ScheduleRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ScheduleRunner.class);

  /** Longest sleep between two passes. */
  public static final Duration POLL = Duration.ofSeconds(1);

  /** Due schedules read per script call. */
  static final int BATCH = 100;

  private final Schedules schedules;
  private final QueueRegistry registry;
  private ScheduledExecutorService thread;

  public ScheduleRunner(Schedules schedules, QueueRegistry registry) {
    this.schedules = schedules;
    this.registry = registry;
  }

  /** Starts firing on a daemon thread until {@link #close()}. */
  public synchronized ScheduleRunner start() {
    if (thread != null) {
      throw new IllegalStateException("The runner has been started already");
    }
    thread =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "taskyard-schedules");
              t.setDaemon(true);
              return t;
            });
    thread.execute(this::loop);
    return this;
  }

  /**
   * One pass over every registered queue: fires everything due by the Redis clock, catching up fire
   * times that fell due meanwhile. What {@link #start()} runs each time it wakes.
   *
   * @return the tasks created
   */
  public int fireDue() {
    return pass().created();
  }

  @Override
  public synchronized void close() {
    if (thread != null) {
      thread.shutdownNow();
      try {
        thread.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void loop() {
    long sleepMs = POLL.toMillis();
    try {
      sleepMs = pass().sleepMs();
    } catch (RuntimeException e) {
      LOG.warn("Firing schedules failed: {}", e.toString());
    } finally {
      if (!thread.isShutdown()) {
        thread.schedule(this::loop, sleepMs, TimeUnit.MILLISECONDS);
      }
    }
  }

  /** What a pass did, and how long the runner may sleep after it. */
  private record Pass(int created, long sleepMs) {}

  private Pass pass() {
    int created = 0;
    long sleepMs = POLL.toMillis();
    for (String queue : registry.names()) {
      try {
        Pass p = pass(queue);
        created += p.created();
        sleepMs = Math.min(sleepMs, p.sleepMs());
      } catch (RuntimeException e) {
        LOG.warn("Firing the schedules of queue {} failed: {}", queue, e.toString());
      }
    }
    return new Pass(created, sleepMs);
  }

  /** Fires a queue's due schedules until none is due; a lagging schedule may fire many times. */
  private Pass pass(String queue) {
    int created = 0;
    while (true) {
      Schedules.Read due = schedules.due(queue, BATCH);
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
        long sleepMs =
            due.nextDue()
                .map(at -> Math.max(0, at.toEpochMilli() - due.now().toEpochMilli()))
                .orElse(POLL.toMillis());
        return new Pass(created, sleepMs);
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
