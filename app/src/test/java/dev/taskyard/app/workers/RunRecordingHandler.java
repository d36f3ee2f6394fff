package dev.taskyard.app.workers;

import dev.taskyard.core.Taskyard;
import dev.taskyard.core.worker.TaskContext;
import dev.taskyard.core.worker.TaskHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ThreadLocalRandom;
import org.redisson.client.codec.StringCodec;

/**
 * A handler the tests add to the WAR that notes in Redis which node ran which attempt of a task
 * (the test runs in another JVM), as {@code start|done <task> <node> <attempt>}, and takes a few
 * tens of milliseconds so that every node has some tasks in flight at any moment.
 */
@ApplicationScoped
@TaskType(value = "it.recorded", queue = RunRecordingHandler.QUEUE)
public class RunRecordingHandler implements TaskHandler {
  static final String QUEUE = "it-node-failure";
  static final String RUNS = "it:" + QUEUE + ":runs";

  @Inject Taskyard taskyard;
  @Inject LocalWorkers workers;

  @Override
  public String handle(TaskContext task) throws Exception {
    record("start", task);
    Thread.sleep(ThreadLocalRandom.current().nextInt(20, 200));
    record("done", task);
    return task.payload();
  }

  private void record(String what, TaskContext task) {
    String node = workers.pool().orElseThrow().workerId();
    taskyard
        .redisson()
        .getList(RUNS, StringCodec.INSTANCE)
        .add(what + " " + task.id() + " " + node + " " + task.attempt());
  }
}
