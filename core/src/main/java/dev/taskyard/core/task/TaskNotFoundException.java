package dev.taskyard.core.task;

import dev.taskyard.core.TaskyardException;

/** No task with that id in that queue (never submitted, deleted, or past its retention). */
public final class TaskNotFoundException extends TaskyardException {
  private static final long serialVersionUID = 1L;
  private final String queue;
  private final String id;

  public TaskNotFoundException(String queue, String id) {
    super("No task " + id + " in queue '" + queue + "'");
    this.queue = queue;
    this.id = id;
  }

  public String queue() {
    return queue;
  }

  public String id() {
    return id;
  }
}
