package dev.taskyard.core.schedule;

import dev.taskyard.core.TaskyardException;

/** A schedule of that name exists in the queue already; nothing was written. */
public final class ScheduleExistsException extends TaskyardException {
  private static final long serialVersionUID = 1L;

  public ScheduleExistsException(String queue, String name) {
    super("Schedule '" + name + "' exists in queue '" + queue + "' already; update it instead");
  }
}
