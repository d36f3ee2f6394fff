package dev.taskyard.core.control;

import dev.taskyard.core.TaskyardException;

/** The queue has never been used or configured. */
public final class UnknownQueueException extends TaskyardException {
  private static final long serialVersionUID = 1L;

  public UnknownQueueException(String queue) {
    super("Unknown queue '" + queue + "'");
  }
}
