package dev.taskyard.core.task;

import dev.taskyard.core.InvalidInputException;
import dev.taskyard.core.control.QueueNames;

/** A task named by its queue and id, as in a dependency. Written "queue/id". */
public record TaskRef(String queue, String id) {
  public TaskRef {
    QueueNames.check(queue);
    TaskIds.check("id", id);
  }

  /** Reads "queue/id". */
  public static TaskRef parse(String text) {
    int slash = text.indexOf('/');
    if (slash < 1) {
      throw new InvalidInputException("task", "must be written queue/id, was '" + text + "'");
    }
    return new TaskRef(text.substring(0, slash), text.substring(slash + 1));
  }

  @Override
  public String toString() {
    return queue + "/" + id;
  }
}
