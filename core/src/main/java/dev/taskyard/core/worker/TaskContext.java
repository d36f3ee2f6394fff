package dev.taskyard.core.worker;

import dev.taskyard.core.InvalidInputException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** What a handler sees of the task it runs, and how it reports progress. */
public final class TaskContext {
  private final ClaimedTask task;
  private volatile boolean leaseLost;
  private volatile long cancelRequestedNanos;
  private Thread runner;
  private final AtomicReference<Progress> pendingProgress = new AtomicReference<>();

  TaskContext(ClaimedTask task) {
    this.task = task;
  }

  public String id() {
    return task.id();
  }

  public String queue() {
    return task.queue();
  }

  public String type() {
    return task.type();
  }

  /** The payload as submitted (JSON text). */
  public String payload() {
    return task.payload();
  }

  /** 1 for the first attempt. */
  public int attempt() {
    return task.attempt();
  }

  public int maxAttempts() {
    return task.maxAttempts();
  }

  public Optional<String> correlationId() {
    return task.correlationId();
  }

  /**
   * Reports progress. Cheap to call often: the latest value is written to Redis a few times a
   * second at most.
   */
  public void progress(int percent, String message) {
    if (percent < 0 || percent > 100) {
      throw new InvalidInputException("percent", "must be 0-100, was " + percent);
    }
    pendingProgress.set(new Progress(percent, message == null ? "" : message));
  }

  /**
   * True once this worker no longer holds the task (its lease expired, or it was released): the
   * task may be running elsewhere and this attempt's outcome will be discarded.
   */
  public boolean isLeaseLost() {
    return leaseLost;
  }

  /**
   * True once an operator asked to cancel this task: stop soon. A handler that goes on is
   * interrupted after the worker's cancel grace period; its result is discarded either way.
   */
  public boolean isCancelled() {
    return cancelRequestedNanos != 0;
  }

  /** Marks the cancel request; false if it was marked already. */
  synchronized boolean requestCancel() {
    if (cancelRequestedNanos != 0) {
      return false;
    }
    cancelRequestedNanos = System.nanoTime();
    return true;
  }

  /** Interrupts the handler if a cancel was requested at least {@code graceNanos} ago. */
  synchronized void interruptIfCancelledFor(long graceNanos) {
    if (runner != null
        && cancelRequestedNanos != 0
        && System.nanoTime() - cancelRequestedNanos >= graceNanos) {
      runner.interrupt();
      runner = null; // once
    }
  }

  /** The thread running the handler, so a cancel can interrupt it. */
  synchronized void runOn(Thread thread) {
    runner = thread;
  }

  /**
   * Ends the handler's run. If a cancel interrupted it, the interrupt is cleared, so the thread's
   * next task starts clean.
   */
  synchronized void endRun() {
    if (runner == null) {
      Thread.interrupted();
    }
    runner = null;
  }

  ClaimedTask task() {
    return task;
  }

  void markLeaseLost() {
    leaseLost = true;
  }

  /** Takes the progress reported since the last call, if any. */
  Progress takeProgress() {
    return pendingProgress.getAndSet(null);
  }

  record Progress(int percent, String message) {}
}
