package dev.taskyard.app.workers;

import dev.taskyard.core.worker.TaskContext;
import dev.taskyard.core.worker.TaskHandler;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A handler the tests add to the WAR, as an application would: returns its payload after a short
 * pause, so that the tasks of a batch spread over the nodes instead of one node taking them all.
 */
@ApplicationScoped
@TaskType(value = "it.echo", queue = EchoHandler.QUEUE)
public class EchoHandler implements TaskHandler {
  static final String QUEUE = "it-workers";

  @Override
  public String handle(TaskContext task) throws Exception {
    Thread.sleep(20);
    return task.payload();
  }
}
