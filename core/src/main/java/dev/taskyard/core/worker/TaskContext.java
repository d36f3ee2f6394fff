package dev.taskyard.core.worker;

import dev.taskyard.core.InvalidInputException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** What a handler sees of the task it runs, and how it reports progress. */
public final class TaskContext {
  private final ClaimedTask task;
  private volatile boolean leaseLost;
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
