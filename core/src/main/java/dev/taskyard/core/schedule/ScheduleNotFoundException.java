package dev.taskyard.core.schedule;

import dev.taskyard.core.TaskyardException;

/** No schedule of that name in that queue (never created, or deleted). */
public final class ScheduleNotFoundException extends TaskyardException {
  private static final long serialVersionUID = 1L;

  public ScheduleNotFoundException(String queue, String name) {
    super("No schedule '" + name + "' in queue '" + queue + "'");
  }
}
