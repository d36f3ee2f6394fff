package dev.taskyard.app.tasks;

import dev.taskyard.app.workers.TaskType;
import dev.taskyard.core.worker.TaskContext;
import dev.taskyard.core.worker.TaskHandler;
import jakarta.enterprise.context.ApplicationScoped;

/** A handler the encryption test adds to the WAR: answers with the payload it was given. */
@ApplicationScoped
@TaskType(value = "it.sealed-echo", queue = SealedEchoHandler.QUEUE)
public class SealedEchoHandler implements TaskHandler {
  static final String QUEUE = "it-sealed";

  @Override
  public String handle(TaskContext task) {
    return "{\"echo\":" + task.payload() + "}";
  }
}
