package dev.taskyard.core.worker;

import dev.taskyard.core.InvalidInputException;
import dev.taskyard.core.dependency.DependencyOutbox;
import dev.taskyard.core.enqueue.JsonText;
import dev.taskyard.core.redis.QueueKeys;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one queue's tasks on a number of threads that the pool may change while it runs. A fetcher
 * claims as many tasks as there are free threads in one call; an acker acknowledges whatever has
 * finished in one call. Both batch naturally: under load, more work piles up during each round
 * trip.
 */
final class QueueWorker {
  private static final Logger LOG = LoggerFactory.getLogger(QueueWorker.class);
  private static final int MAX_STACK_TRACE = 16_384;
  private static final Object WAKE = new Object();

  /** How long the fetcher waits for room for a large batch before claiming a small one. */
  private static final long CLAIM_PATIENCE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

  /** Short tasks are handed to threads in runs of about this length (see {@link TaskRun}). */
  private static final long RUN_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

  /** A run with tasks still waiting this long after it was handed over is spread out. */
  private static final long RUN_STALL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private final String queue;
  private volatile int threads;
  private final String workerId;
  private final Map<String, TaskHandler> handlers;
  private final TaskLeases leases;
  private final DependencyOutbox outbox;
  private final WorkerOptions options;
  private final int maxResultBytes;
  private final RTopic wakeTopic;
  private final RTopic cancelTopic;
  private final ThreadPoolExecutor executor;
  private final ClaimRoom room;
  private final ThreadScaler scaler;
  private final AtomicInteger busy = new AtomicInteger();
  private final AtomicLong succeeded = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final BlockingQueue<Object> wake = new ArrayBlockingQueue<>(1);
  private final BlockingQueue<Finished> finished = new LinkedBlockingQueue<>();
  private final Map<String, Running> running = new ConcurrentHashMap<>();
  private final Set<TaskRun> runs = ConcurrentHashMap.newKeySet();
  private final Thread fetcher;
  private final Thread acker;
  private volatile boolean fetching = true;
  private volatile boolean acking = true;
  private volatile boolean halted;

  /** Set once handlers are interrupted or the worker halts: no run starts another task. */
  private volatile boolean runsStopped;

  /** At shutdown, the tasks claimed ahead that never started (once handlers are interrupted). */
  private List<TaskContext> neverStarted = List.of();

  private int wakeListener;
  private int cancelListener;

  /** A task being run here, with when its lease is next renewed (local clock, ms). */
  private static final class Running {
    final TaskContext context;
    volatile long renewAt;

    Running(TaskContext context, long renewAt) {
      this.context = context;
      this.renewAt = renewAt;
    }
  }

  /**
   * Claimed tasks handed to the executor together: each thread running it starts the next task no
   * thread has started, until none is left. Tasks shorter than {@link #RUN_NANOS} on average go in
   * runs of several, so that a claim wakes a few threads instead of one per task (a wake-up costs
   * more than a short task); others go one per run. A run still holding waiting tasks at a tick,
   * {@link #RUN_STALL_NANOS} after it was handed over (a task in it blocked), gets a thread per
   * waiting task, so a slow task holds the others back for about a tick at most.
   */
  private final class TaskRun implements Runnable {
    final TaskContext[] contexts;
    final AtomicInteger next = new AtomicInteger();
    final long handedOverNanos = System.nanoTime();
    volatile boolean spread;

    TaskRun(TaskContext[] contexts) {
      this.contexts = contexts;
    }

    @Override
    public void run() {
      int i;
      while (!runsStopped && (i = next.getAndIncrement()) < contexts.length) {
        QueueWorker.this.run(contexts[i]);
      }
      if (next.get() >= contexts.length) {
        runs.remove(this);
      }
    }

    int waiting() {
      return Math.max(0, contexts.length - next.get());
    }

    /** The tasks no thread has started; none starts them after this call. */
    List<TaskContext> takeWaiting() {
      int from = next.getAndSet(contexts.length);
      return from >= contexts.length
          ? List.of()
          : Arrays.asList(contexts).subList(from, contexts.length);
    }
  }

  private record Finished(
      TaskContext context, String result, Throwable error, AttemptUsage usage) {}

  QueueWorker(
      String queue,
      int threads,
      String workerId,
      Map<String, TaskHandler> handlers,
      TaskLeases leases,
      DependencyOutbox outbox,
      RedissonClient redisson,
      WorkerOptions options,
      int maxResultBytes,
      ThreadFactory threadFactory) {
    this.queue = queue;
    this.threads = threads;
    this.workerId = workerId;
    this.handlers = handlers;
    this.leases = leases;
    this.outbox = outbox;
    this.options = options;
    this.maxResultBytes = maxResultBytes;
    this.wakeTopic = redisson.getTopic(new QueueKeys(queue).wakeChannel(), StringCodec.INSTANCE);
    this.cancelTopic =
        redisson.getTopic(new QueueKeys(queue).cancelChannel(), StringCodec.INSTANCE);
    this.room = new ClaimRoom(threads);
    this.scaler = new ThreadScaler(threads);
    // A fixed pool (as Executors.newFixedThreadPool builds it) whose size resize() may change.
    this.executor =
        new ThreadPoolExecutor(
            threads,
            threads,
            0,
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(),
            WorkerThreads.numbered(threadFactory, "taskyard-" + queue + "-worker-"));
    this.fetcher =
        WorkerThreads.thread(threadFactory, this::fetchLoop, "taskyard-" + queue + "-fetcher");
    this.acker = WorkerThreads.thread(threadFactory, this::ackLoop, "taskyard-" + queue + "-acker");
  }

  void start() {
    wakeListener = wakeTopic.addListener(String.class, (channel, message) -> wake.offer(WAKE));
    cancelListener = cancelTopic.addListener(String.class, (channel, id) -> cancel(id));
    fetcher.start();
    acker.start();
  }

  String queue() {
    return queue;
  }

  int threads() {
    return threads;
  }

  /** False once the fetcher or the acker ended while the queue was still being worked. */
  boolean threadsAlive() {
    return (fetcher.isAlive() || !fetching) && (acker.isAlive() || !acking);
  }

  int busyThreads() {
    return busy.get();
  }

  ThreadScaler scaler() {
    return scaler;
  }

  /** Threads, busy threads and outcomes acknowledged since start, for the worker registry. */
  WorkerNode.QueueLoad load() {
    return new WorkerNode.QueueLoad(queue, threads, busy.get(), succeeded.get(), failed.get());
  }

  /**
   * Runs {@code n} threads from now on. Growing starts threads for tasks already waiting; shrinking
   * lets running tasks finish, and the threads above {@code n} end as they become free. Claimed
   * tasks wait in the executor's queue either way: none is dropped or run twice.
   */
  synchronized void resize(int n) {
    if (n == threads || !fetching) {
      return;
    }
    // The core size may never exceed the maximum: raise the maximum first, lower it last.
    if (n > threads) {
      executor.setMaximumPoolSize(n);
      executor.setCorePoolSize(n);
    } else {
      executor.setCorePoolSize(n);
      executor.setMaximumPoolSize(n);
    }
    room.resize(n);
    LOG.info("Queue {}: {} threads, was {}", queue, n, threads);
    threads = n;
  }

  // ---- claiming and running

  private void fetchLoop() {
    String previousClaim = "";
    while (fetching) {
      int wanted;
      try {
        wanted = room.reserve(CLAIM_PATIENCE_NANOS, TimeUnit.MILLISECONDS.toNanos(100));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (wanted == 0) {
        continue;
      }
      String claimId = leases.newClaimId();
      Claim claim = claim(wanted, claimId, previousClaim);
      if (claim == null) {
        room.unreserve(wanted); // stopping; what a lost claim leased returns when its lease expires
        return;
      }
      previousClaim = claimId;
      room.unreserve(wanted - claim.tasks().size());
      long now = System.currentTimeMillis();
      TaskContext[] contexts = new TaskContext[claim.tasks().size()];
      for (int i = 0; i < contexts.length; i++) {
        ClaimedTask task = claim.tasks().get(i);
        contexts[i] = new TaskContext(task);
        running.put(task.id(), new Running(contexts[i], now + task.timeoutMs() / 3));
      }
      if (!hand(contexts)) {
        return; // halted: the leases expire and the tasks run elsewhere
      }
      if (claim.tasks().isEmpty()) {
        pause(idleTime(claim));
      }
    }
  }

  /** Hands claimed tasks to the executor in runs ({@link TaskRun}); false once halted. */
  private boolean hand(TaskContext[] contexts) {
    int length = room.tasksWithin(RUN_NANOS);
    for (int from = 0; from < contexts.length; from += length) {
      TaskRun run =
          new TaskRun(Arrays.copyOfRange(contexts, from, Math.min(contexts.length, from + length)));
      runs.add(run);
      try {
        executor.execute(run);
      } catch (RejectedExecutionException e) {
        return false;
      }
    }
    return true;
  }

  /**
   * Claims under {@code claimId} until an answer arrives. A failed call may have leased tasks whose
   * reply was lost: asking again at once with the same claim id returns them (and leases nothing
   * more), so they start now instead of after their leases expire. Null when stopping meanwhile.
   */
  private Claim claim(int wanted, String claimId, String previousClaim) {
    for (int failures = 0; fetching; failures++) {
      try {
        return leases.claim(queue, workerId, wanted, claimId, previousClaim);
      } catch (RuntimeException e) {
        LOG.warn("Claim {} from queue {} failed, asking again: {}", claimId, queue, e.toString());
        if (failures > 0) {
          pause(options.errorBackoff());
        }
      }
    }
    return null;
  }

  private Duration idleTime(Claim claim) {
    if (claim.atConcurrencyLimit()) {
      return options.busyRetry();
    }
    return claim
        .nextDue()
        .map(due -> Duration.between(claim.at(), due))
        .filter(untilDue -> untilDue.compareTo(options.idleWait()) < 0)
        .map(untilDue -> untilDue.isNegative() ? Duration.ZERO : untilDue)
        .orElse(options.idleWait());
  }

  /** Sleeps until woken by new work, shutdown, or the time is up. */
  private void pause(Duration time) {
    try {
      wake.poll(time.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run(TaskContext context) {
    String result = null;
    Throwable error = null;
    busy.incrementAndGet();
    long start = System.nanoTime();
    ThreadUsageMeter.taskStarts();
    AttemptUsage usage;
    context.runOn(Thread.currentThread());
    try {
      if (context.isCancelled()) {
        // Cancelled while waiting here for a thread: it never starts (and ends CANCELLED).
        throw new PermanentTaskFailure("Cancelled before it started");
      }
      TaskHandler handler = handlers.get(context.type());
      if (handler == null) {
        throw new PermanentTaskFailure(
            "No handler for task type '" + context.type() + "' on worker " + workerId);
      }
      result = handler.handle(context);
      if (result != null) {
        JsonText.check("result", result, maxResultBytes);
      }
    } catch (InvalidInputException e) {
      error = new PermanentTaskFailure("The handler returned an invalid result: " + e.getMessage());
    } catch (Exception | Error e) {
      error = e;
    } finally {
      usage = ThreadUsageMeter.taskEnded();
      context.endRun();
      busy.decrementAndGet();
      room.finished(System.nanoTime() - start);
    }
    if (!halted) {
      finished.add(new Finished(context, result, error, usage));
    }
  }

  // ---- acknowledging

  private void ackLoop() {
    List<Finished> batch = new ArrayList<>();
    while (!halted) {
      if (batch.isEmpty()) {
        Finished first;
        try {
          first = finished.poll(50, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        if (first == null) {
          if (!acking) {
            return;
          }
          continue;
        }
        batch.add(first);
        finished.drainTo(batch, options.maxAckBatch() - 1);
      }
      try {
        acknowledge(batch);
        batch.clear();
      } catch (RuntimeException e) {
        // Keep the batch: nothing is lost while Redis is away (past the lease, the task reruns).
        LOG.warn(
            "Acknowledging {} tasks of queue {} failed, retrying: {}",
            batch.size(),
            queue,
            e.toString());
        pause(options.errorBackoff());
      }
    }
  }

  private void acknowledge(List<Finished> batch) {
    List<TaskLeases.Success> successes = new ArrayList<>();
    List<TaskLeases.Failure> failures = new ArrayList<>();
    for (Finished f : batch) {
      Lease lease = Lease.of(f.context().task());
      if (f.error() == null) {
        successes.add(new TaskLeases.Success(lease, f.result(), f.usage()));
      } else {
        failures.add(
            new TaskLeases.Failure(
                lease,
                message(f.error()),
                stackTrace(f.error()),
                !(f.error() instanceof PermanentTaskFailure),
                f.usage()));
      }
    }
    if (!successes.isEmpty()) {
      leases.complete(queue, successes);
      succeeded.addAndGet(successes.size());
    }
    if (!failures.isEmpty()) {
      leases.fail(queue, failures);
      failed.addAndGet(failures.size());
    }
    for (Finished f : batch) {
      // Only this attempt's entry: the task may have been claimed here again meanwhile.
      running.computeIfPresent(f.context().id(), (id, r) -> r.context == f.context() ? null : r);
    }
    outbox.drain(queue); // children of the tasks just ended, at once
  }

  private static String message(Throwable t) {
    return t.getMessage() == null
        ? t.getClass().getName()
        : t.getClass().getName() + ": " + t.getMessage();
  }

  private static String stackTrace(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    String trace = out.toString();
    return trace.length() <= MAX_STACK_TRACE
        ? trace
        : trace.substring(0, MAX_STACK_TRACE) + "\n\t...";
  }

  // ---- periodic work, called from the pool's scheduler

  /** Renews the leases that are a third of their timeout old; marks those found lost. */
  void renewLeases() {
    long now = System.currentTimeMillis();
    List<Running> due = running.values().stream().filter(r -> r.renewAt <= now).toList();
    if (due.isEmpty()) {
      return;
    }
    List<TaskLeases.LeaseState> states =
        leases.extend(queue, due.stream().map(r -> r.context.task()).toList());
    for (int i = 0; i < due.size(); i++) {
      Running r = due.get(i);
      TaskLeases.LeaseState state = states.get(i);
      if (state != TaskLeases.LeaseState.LOST) {
        r.renewAt = now + r.context.task().timeoutMs() / 3;
        if (state == TaskLeases.LeaseState.CANCEL_REQUESTED) {
          cancel(r.context.id()); // in case the pub/sub message was missed
        }
      } else if (running.remove(r.context.id(), r)) {
        r.context.markLeaseLost();
        LOG.warn("Lost the lease of task {} in queue {}", r.context.id(), queue);
      }
    }
  }

  /** Tells a running task's handler it is cancelled; the tick interrupts it after the grace. */
  private void cancel(String id) {
    Running r = running.get(id);
    if (r != null && r.context.requestCancel()) {
      LOG.info("Task {} in queue {} is cancelled; its handler is told", id, queue);
    }
  }

  /** Gives each task still waiting in a stalled run a thread of its own (see {@link TaskRun}). */
  void spreadStalledRuns() {
    long now = System.nanoTime();
    for (TaskRun run : runs) {
      if (!run.spread && run.contexts.length > 1 && now - run.handedOverNanos >= RUN_STALL_NANOS) {
        run.spread = true;
        try {
          for (int i = run.waiting(); i > 0; i--) {
            executor.execute(run);
          }
        } catch (RejectedExecutionException e) {
          return; // stopping: what never starts goes back to the queue
        }
      }
    }
  }

  /** Interrupts handlers still running past the cancel grace period. */
  void interruptCancelled() {
    long grace = options.cancelGrace().toNanos();
    for (Running r : running.values()) {
      r.context.interruptIfCancelledFor(grace);
    }
  }

  /** Writes the latest progress of each task that reported some since the last flush. */
  void flushProgress() {
    List<Lease> ids = new ArrayList<>();
    List<Integer> percents = new ArrayList<>();
    List<String> messages = new ArrayList<>();
    for (Running r : running.values()) {
      TaskContext.Progress p = r.context.takeProgress();
      if (p != null) {
        ids.add(Lease.of(r.context.task()));
        percents.add(p.percent());
        messages.add(p.message());
      }
    }
    if (!ids.isEmpty()) {
      leases.progress(queue, ids, percents, messages);
    }
  }

  // ---- stopping

  /**
   * The first step of a graceful shutdown, once claiming stopped: lets running tasks finish until
   * {@code deadline} (nanoTime); true if none is left running.
   */
  boolean awaitHandlers(long deadline) throws InterruptedException {
    fetcher.join();
    executor.shutdown();
    return executor.awaitTermination(remaining(deadline), TimeUnit.NANOSECONDS);
  }

  /**
   * The second step, past the grace period: interrupts the handlers still running. They keep their
   * leases, renewed by the pool meanwhile, and their outcomes are acknowledged as they come in; the
   * tasks claimed ahead that never started wait for {@link #finishShutdown} to go back.
   */
  void interruptHandlers() {
    runsStopped = true;
    executor.shutdownNow();
    neverStarted = takeWaiting();
  }

  /** The claimed tasks that no thread started; none starts them after this call. */
  private List<TaskContext> takeWaiting() {
    List<TaskContext> waiting = new ArrayList<>();
    for (TaskRun run : runs) {
      waiting.addAll(run.takeWaiting());
    }
    runs.clear();
    return waiting;
  }

  /**
   * The last step: waits for interrupted handlers until {@code deadline} (nanoTime), acknowledges
   * every outcome, and only then returns the tasks that never started to the queue. A handler still
   * running after that keeps its lease, no longer renewed: no other node can take its task until
   * the lease expires.
   */
  void finishShutdown(long deadline) throws InterruptedException {
    if (!executor.awaitTermination(remaining(deadline), TimeUnit.NANOSECONDS)) {
      LOG.warn(
          "Queue {}: {} handlers ignored the interrupt; their tasks run again once their leases"
              + " expire",
          queue,
          busy.get());
    }
    acking = false;
    acker.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining(deadline))) + 1000);
    if (acker.isAlive()) {
      LOG.warn(
          "Queue {}: outcomes not acknowledged at shutdown; their tasks will run again", queue);
      halt();
    }
    releaseNeverStarted(neverStarted);
    wakeTopic.removeListener(wakeListener);
    cancelTopic.removeListener(cancelListener);
  }

  /** Claims nothing more; tasks claimed already go on. */
  void stopClaiming() {
    fetching = false;
    wake.offer(WAKE);
  }

  private void releaseNeverStarted(List<TaskContext> unstarted) {
    if (unstarted.isEmpty()) {
      return;
    }
    unstarted.forEach(
        c -> {
          c.markLeaseLost();
          running.computeIfPresent(c.id(), (id, r) -> r.context == c ? null : r);
        });
    try {
      leases.release(queue, unstarted.stream().map(c -> Lease.of(c.task())).toList());
      LOG.info(
          "Queue {}: returned {} tasks that never started to the queue", queue, unstarted.size());
    } catch (RuntimeException e) {
      LOG.warn(
          "Queue {}: could not return unfinished tasks; they run again when their leases expire",
          queue,
          e);
    }
  }

  private static long remaining(long deadline) {
    return Math.max(0, deadline - System.nanoTime());
  }

  /** Stops at once as if the process died: no acknowledgements, leases left to expire. */
  void halt() {
    halted = true;
    runsStopped = true;
    fetching = false;
    acking = false;
    wake.offer(WAKE);
    executor.shutdownNow();
    finished.clear();
    acker.interrupt();
    wakeTopic.removeListener(wakeListener);
    cancelTopic.removeListener(cancelListener);
  }
}
