package dev.taskyard.core.task;

/** The states of a task; {@link TaskTransitions} says which moves between them are legal. */
public enum TaskState {
  /** Run-at time in the future, or waiting out a retry backoff. */
  SCHEDULED,
  /** Waiting for its dependencies to succeed. */
  WAITING,
  QUEUED,
  /** Leased to a worker. */
  RUNNING,
  SUCCEEDED,
  /** Attempts exhausted; in the dead-letter set. */
  FAILED,
  CANCELLED,
  /** Lease lost with no attempts left; in the dead-letter set. */
  EXPIRED;

  /** Ended: runs again only if an operator retries or replays it. */
  public boolean isFinal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED || this == EXPIRED;
  }
}
