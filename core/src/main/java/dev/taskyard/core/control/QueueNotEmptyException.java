package dev.taskyard.core.control;

import dev.taskyard.core.TaskyardException;

/** A queue was not deleted: it holds tasks that have not ended, and the delete was not forced. */
public final class QueueNotEmptyException extends TaskyardException {
  private static final long serialVersionUID = 1L;
  private final long queued;
  private final long scheduled;
  private final long waiting;
  private final long running;

  public QueueNotEmptyException(
      String queue, long queued, long scheduled, long waiting, long running) {
    super(
        "Queue '"
            + queue
            + "' holds tasks that have not ended ("
            + queued
            + " queued, "
            + scheduled
            + " scheduled, "
            + waiting
            + " waiting, "
            + running
            + " running): drain it first, or force the delete");
    this.queued = queued;
    this.scheduled = scheduled;
    this.waiting = waiting;
    this.running = running;
  }

  public long queued() {
    return queued;
  }

  public long scheduled() {
    return scheduled;
  }

  public long waiting() {
    return waiting;
  }

  public long running() {
    return running;
  }
}
