package dev.taskyard.app.tasks;

import dev.taskyard.app.queues.QueueStore;
import dev.taskyard.core.stats.QueueStatus;
import dev.taskyard.core.task.TaskRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * The tasks running anywhere in the cluster, read from the queues that have some (their leased
 * sets, then their records in one pipelined read each): the active tasks and workers pages show
 * them.
 */
@ApplicationScoped
public class RunningTasks {
  @Inject QueueStore queues;
  @Inject TaskStore store;

  /** Up to {@code perQueue} running tasks of every queue that has some. */
  public List<TaskRecord> all(int perQueue) {
    List<TaskRecord> running = new ArrayList<>();
    for (QueueStatus status : queues.statuses()) {
      if (status.running() > 0) {
        running.addAll(store.running(status.queue(), perQueue));
      }
    }
    return running;
  }
}
