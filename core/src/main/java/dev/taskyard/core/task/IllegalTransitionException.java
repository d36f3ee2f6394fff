package dev.taskyard.core.task;

import dev.taskyard.core.TaskyardException;

/** A state change that {@link TaskTransitions} does not allow was asked for; nothing changed. */
public final class IllegalTransitionException extends TaskyardException {
  private static final long serialVersionUID = 1L;

  public IllegalTransitionException(String taskId, TaskState from, TaskState to) {
    super("Task " + taskId + " cannot move from " + from + " to " + to);
  }

  public IllegalTransitionException(String message) {
    super(message);
  }
}
