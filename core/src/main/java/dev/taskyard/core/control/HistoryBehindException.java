package dev.taskyard.core.control;

import dev.taskyard.core.TaskyardException;

/**
 * A queue's tasks are deleted but the queue is not yet: a reader of its event stream (the history
 * archiver) has not caught up, and deleting the stream now would lose history. Deleting again later
 * finishes the job.
 */
public final class HistoryBehindException extends TaskyardException {
  private static final long serialVersionUID = 1L;

  public HistoryBehindException(String queue) {
    super(
        "Queue '"
            + queue
            + "' is emptied, but its history has not caught up yet: delete it again shortly");
  }
}
