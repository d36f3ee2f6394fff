package dev.taskyard.core.worker;

import dev.taskyard.core.InvalidInputException;
import dev.taskyard.core.control.QueueAdmin;
import dev.taskyard.core.control.QueueNames;
import dev.taskyard.core.control.QueueRegistry;
import dev.taskyard.core.control.WorkerScaling;
import dev.taskyard.core.dependency.DependencyOutbox;
import dev.taskyard.core.redis.QueueKeys;
import dev.taskyard.core.stats.QueueStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs task handlers for one or more queues on this node. Each queue gets its own threads; leases
 * are renewed while tasks run, outcomes acknowledged in batches, and each queue's upkeep (due
 * tasks, expired leases) runs here too.
 *
 * <p>The pool beats into the {@link WorkerRegistry} once a second. Each queue's thread count
 * follows the queue's {@link WorkerScaling} settings: re-read on every beat and at once when {@link
 * dev.taskyard.core.control.QueueAdmin} announces a change.
 *
 * <pre>{@code
 * WorkerPool pool = taskyard.workerPool()
 *     .queue("emails", 8)
 *     .handler("email.send", task -> { send(task.payload()); return null; })
 *     .start();
 * ...
 * pool.close(); // graceful
 * }</pre>
 */
public final class WorkerPool implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);
  private static final int UPKEEP_LIMIT = 1000;

  /**
   * Longest one upkeep round goes on catching up after its first pass over every queue: beats and
   * resizing share the scheduler thread and must stay on time. A round that ran out of budget is
   * followed at once by the next, so that retention keeps up with any rate the engine runs at.
   */
  private static final Duration UPKEEP_BUDGET = Duration.ofMillis(200);

  private final String workerId;
  private final List<QueueWorker> workers;
  private final TaskLeases leases;
  private final DependencyOutbox outbox;
  private final WorkerOptions options;
  private final QueueAdmin queueAdmin;
  private final QueueStats stats;
  private final WorkerRegistry registry;
  private final RTopic settingsChanges;
  private final ScheduledExecutorService scheduler;

  /** Lease renewal has a thread of its own: slow upkeep or beats must not cost leases. */
  private final ScheduledExecutorService leaseKeeper;

  private final Instant startedAt = Instant.now();

  /** When upkeep last moved on (nanoTime): it stops moving if its thread dies or hangs. */
  private volatile long upkeepProgressNanos = System.nanoTime();

  /** Orders beats and leaving, so that no beat lands after the pool left the registry. */
  private final Object registration = new Object();

  private boolean left;

  /** What the last beat recorded (guarded by {@link #registration}): a change is announced. */
  private List<WorkerNode.QueueLoad> lastLoads;

  private int settingsListener;

  private WorkerPool(String workerId, List<QueueWorker> workers, Builder b) {
    this.workerId = workerId;
    this.workers = workers;
    this.leases = b.leases;
    this.outbox = b.outbox;
    this.options = b.options;
    this.queueAdmin = b.queueAdmin;
    this.stats = b.stats;
    this.registry = b.workerRegistry;
    this.settingsChanges =
        b.redisson.getTopic(QueueKeys.WORKER_SETTINGS_CHANNEL, StringCodec.INSTANCE);
    this.scheduler = scheduler(b.threadFactory, "taskyard-" + workerId + "-scheduler");
    this.leaseKeeper = scheduler(b.threadFactory, "taskyard-" + workerId + "-leases");
  }

  private static ScheduledExecutorService scheduler(ThreadFactory factory, String name) {
    return Executors.newSingleThreadScheduledExecutor(r -> WorkerThreads.thread(factory, r, name));
  }

  private void start() {
    resize(false); // the stored settings apply from the first claim on
    workers.forEach(QueueWorker::start);
    settingsListener =
        settingsChanges.addListener(String.class, (channel, queue) -> settingsChanged(queue));
    long tick = options.tick().toMillis();
    leaseKeeper.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
    scheduleUpkeep(0);
    long beat = WorkerRegistry.HEARTBEAT.toMillis();
    scheduler.scheduleWithFixedDelay(this::beat, 0, beat, TimeUnit.MILLISECONDS);
    LOG.info("Worker {} started on {}", workerId, threadsPerQueue());
  }

  /**
   * Sizes each queue's threads by its stored settings. On a beat, autoscaling queues also read
   * their backlog; a change notice only applies the settings, without waiting for a reading.
   */
  private void resize(boolean onBeat) {
    Map<String, WorkerScaling> settings =
        queueAdmin.workerScaling(workers.stream().map(QueueWorker::queue).toList());
    for (QueueWorker w : workers) {
      WorkerScaling s = settings.get(w.queue());
      w.resize(onBeat && s.autoscaling() ? autoscaled(w, s) : w.scaler().settled(s, w.threads()));
    }
  }

  private int autoscaled(QueueWorker w, WorkerScaling s) {
    long queued = stats.status(w.queue()).queued();
    return w.scaler().scaled(s, w.threads(), w.busyThreads(), queued, System.nanoTime());
  }

  private void resizeOrWarn(boolean onBeat) {
    try {
      resize(onBeat);
    } catch (RuntimeException e) {
      warnUnlessStopping("Applying the worker settings of {} failed: {}", workerId, e);
    }
  }

  /** Runs on Redisson's pub/sub thread: hands the work to the scheduler, which owns resizing. */
  private void settingsChanged(String queue) {
    if (workers.stream().noneMatch(w -> w.queue().equals(queue))) {
      return;
    }
    try {
      scheduler.execute(() -> resizeOrWarn(false));
    } catch (RejectedExecutionException e) {
      // stopping
    }
  }

  private void beat() {
    resizeOrWarn(true);
    synchronized (registration) {
      if (left) {
        return;
      }
      try {
        List<WorkerNode.QueueLoad> loads = workers.stream().map(QueueWorker::load).toList();
        registry.beat(workerId, startedAt, loads, !loads.equals(lastLoads));
        lastLoads = loads;
      } catch (RuntimeException e) {
        warnUnlessStopping("Heartbeat of worker {} failed: {}", workerId, e);
      }
    }
  }

  /** A halt interrupts the scheduler in the middle of a Redis call: that failure is no news. */
  private void warnUnlessStopping(String message, String arg, RuntimeException e) {
    if (!scheduler.isShutdown()) {
      LOG.warn(message, arg, e.toString());
    }
  }

  private void leaveRegistry() {
    synchronized (registration) {
      left = true;
      try {
        registry.leave(workerId);
      } catch (RuntimeException e) {
        LOG.warn("Worker {} could not leave the registry; it drops out in a few seconds", workerId);
      }
    }
  }

  private void tick() {
    for (QueueWorker w : workers) {
      try {
        w.renewLeases();
        w.flushProgress();
        w.interruptCancelled();
        w.spreadStalledRuns();
      } catch (RuntimeException e) {
        LOG.warn("Renewing leases of queue {} failed: {}", w.queue(), e.toString());
      }
    }
  }

  private void scheduleUpkeep(long delayMs) {
    try {
      scheduler.schedule(this::upkeep, delayMs, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // stopping
    }
  }

  private void upkeep() {
    boolean behind = false;
    try {
      behind = upkeepRound();
    } finally {
      scheduleUpkeep(behind ? 0 : options.upkeepInterval().toMillis());
    }
  }

  /**
   * Maintains every queue once, then the queues with more to do by turns (so one queue's backlog
   * does not hold up another's) until done or out of budget; true when work is left.
   */
  private boolean upkeepRound() {
    long deadline = System.nanoTime() + UPKEEP_BUDGET.toNanos();
    upkeepProgressNanos = System.nanoTime();
    List<QueueWorker> behind = new ArrayList<>();
    for (QueueWorker w : workers) {
      try {
        if (leases.maintain(w.queue(), UPKEEP_LIMIT).more()) {
          behind.add(w);
        }
        outbox.drain(w.queue()); // also delivers what a crash left undelivered
      } catch (RuntimeException e) {
        LOG.warn("Upkeep of queue {} failed: {}", w.queue(), e.toString());
      }
      upkeepProgressNanos = System.nanoTime();
    }
    while (!behind.isEmpty() && System.nanoTime() - deadline < 0) {
      behind.removeIf(w -> !catchUp(w));
    }
    return !behind.isEmpty();
  }

  /** One more upkeep call for a queue that is behind; true when it still has more to do. */
  private boolean catchUp(QueueWorker w) {
    try {
      return leases.maintain(w.queue(), UPKEEP_LIMIT).more();
    } catch (RuntimeException e) {
      LOG.warn("Upkeep of queue {} failed: {}", w.queue(), e.toString());
      return false;
    } finally {
      upkeepProgressNanos = System.nanoTime();
    }
  }

  public String workerId() {
    return workerId;
  }

  /** Threads per queue now (they follow the queues' worker settings), in the order added. */
  public Map<String, Integer> threadsPerQueue() {
    Map<String, Integer> out = new LinkedHashMap<>();
    workers.forEach(w -> out.put(w.queue(), w.threads()));
    return out;
  }

  /**
   * How long ago the pool's upkeep last moved on. It moves on at every {@link
   * WorkerOptions#upkeepInterval()} and after each queue's upkeep, Redis up or not (a failed call
   * ends within Redisson's timeouts), so a large value means the pool is stuck or its scheduler
   * died.
   */
  public Duration sinceUpkeepProgress() {
    return Duration.ofNanos(System.nanoTime() - upkeepProgressNanos);
  }

  /** False once a queue's fetcher or acker thread died while the pool runs. */
  public boolean threadsAlive() {
    return workers.stream().allMatch(QueueWorker::threadsAlive);
  }

  /** Threads running a task right now, per queue. */
  public Map<String, Integer> busyThreads() {
    Map<String, Integer> out = new LinkedHashMap<>();
    workers.forEach(w -> out.put(w.queue(), w.busyThreads()));
    return out;
  }

  /** Graceful shutdown with the configured grace period. */
  @Override
  public void close() {
    shutdown(options.shutdownGrace());
  }

  /**
   * Stops claiming and lets running tasks finish for up to {@code grace}; then interrupts the
   * handlers still running and waits up to {@link WorkerOptions#interruptWait()} for them, their
   * leases renewed and their outcomes acknowledged; only then returns the tasks claimed ahead that
   * never started to their queues unrun.
   */
  public void shutdown(Duration grace) {
    long deadline = System.nanoTime() + grace.toNanos();
    try {
      // Every queue stops claiming first, then all share one grace period and one interrupt wait;
      // lease renewal (the lease keeper) goes on until the end.
      workers.forEach(QueueWorker::stopClaiming);
      List<QueueWorker> overrun = new ArrayList<>();
      for (QueueWorker w : workers) {
        if (!w.awaitHandlers(deadline)) {
          overrun.add(w);
        }
      }
      overrun.forEach(QueueWorker::interruptHandlers);
      long interruptDeadline = System.nanoTime() + options.interruptWait().toNanos();
      for (QueueWorker w : workers) {
        w.finishShutdown(interruptDeadline);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      halt();
    } finally {
      scheduler.shutdownNow();
      leaseKeeper.shutdownNow();
      settingsChanges.removeListener(settingsListener);
      leaveRegistry();
    }
    LOG.info("Worker {} stopped", workerId);
  }

  /**
   * Stops at once as a crash would: nothing is acknowledged or released. The tasks it held run
   * again elsewhere once their leases expire, and the node drops out of the registry once its
   * record expires.
   */
  public void halt() {
    scheduler.shutdownNow();
    leaseKeeper.shutdownNow();
    settingsChanges.removeListener(settingsListener);
    workers.forEach(QueueWorker::halt);
  }

  /** Builds a pool; see {@link dev.taskyard.core.Taskyard#workerPool()}. */
  public static final class Builder {
    private final RedissonClient redisson;
    private final QueueRegistry registry;
    private final TaskLeases leases;
    private final DependencyOutbox outbox;
    private final QueueAdmin queueAdmin;
    private final QueueStats stats;
    private final WorkerRegistry workerRegistry;
    private final int maxResultBytes;
    private final Map<String, Integer> queues = new LinkedHashMap<>();
    private final Map<String, TaskHandler> handlers = new HashMap<>();
    private String workerId = defaultWorkerId();
    private WorkerOptions options = WorkerOptions.defaults();
    private ThreadFactory threadFactory = WorkerThreads.PLAIN;

    public Builder(
        RedissonClient redisson,
        QueueRegistry registry,
        TaskLeases leases,
        DependencyOutbox outbox,
        QueueAdmin queueAdmin,
        QueueStats stats,
        WorkerRegistry workerRegistry,
        int maxResultBytes) {
      this.redisson = redisson;
      this.registry = registry;
      this.leases = leases;
      this.outbox = outbox;
      this.queueAdmin = queueAdmin;
      this.stats = stats;
      this.workerRegistry = workerRegistry;
      this.maxResultBytes = maxResultBytes;
    }

    /**
     * Works on {@code queue} with {@code threads} threads on this node, unless the queue's {@link
     * WorkerScaling} settings name a count or autoscale.
     */
    public Builder queue(String queue, int threads) {
      QueueNames.check(queue);
      WorkerScaling.checkThreads("threads", threads, 1);
      queues.put(queue, threads);
      return this;
    }

    /** Runs tasks of {@code type} (in any of this pool's queues) with {@code handler}. */
    public Builder handler(String type, TaskHandler handler) {
      if (type == null || type.isBlank()) {
        throw new InvalidInputException("type", "is required");
      }
      handlers.put(type, handler);
      return this;
    }

    /** A name unique to this node, shown on every task it runs. */
    public Builder workerId(String value) {
      if (value == null || value.isBlank() || value.length() > 200) {
        throw new InvalidInputException("workerId", "must be 1-200 characters");
      }
      workerId = value;
      return this;
    }

    public Builder options(WorkerOptions value) {
      options = value;
      return this;
    }

    /**
     * Makes every thread of the pool with {@code factory}, such as a Jakarta EE container's {@code
     * ManagedThreadFactory}; by default plain daemon threads. The pool names the threads.
     */
    public Builder threadFactory(ThreadFactory factory) {
      if (factory == null) {
        throw new InvalidInputException("threadFactory", "is required");
      }
      threadFactory = factory;
      return this;
    }

    public WorkerPool start() {
      if (queues.isEmpty()) {
        throw new InvalidInputException("queues", "name at least one queue");
      }
      List<QueueWorker> workers = new ArrayList<>();
      Map<String, TaskHandler> handlerView = Map.copyOf(handlers);
      queues.forEach(
          (queue, threads) -> {
            registry.ensure(queue);
            workers.add(
                new QueueWorker(
                    queue,
                    threads,
                    workerId,
                    handlerView,
                    leases,
                    outbox,
                    redisson,
                    options,
                    maxResultBytes,
                    threadFactory));
          });
      WorkerPool pool = new WorkerPool(workerId, workers, this);
      pool.start();
      return pool;
    }

    private static String defaultWorkerId() {
      return LocalProcess.HOST
          + "-"
          + LocalProcess.PID
          + "-"
          + UUID.randomUUID().toString().substring(0, 8);
    }
  }
}
