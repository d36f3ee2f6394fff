package dev.taskyard.app.tasks;

import dev.taskyard.core.task.TaskRecord;
import java.time.Instant;
import java.util.List;

/**
 * A run of a queue's queued tasks in the order workers will claim them.
 *
 * @param queued how many tasks the queue holds queued in all
 * @param offset the place of the first task shown (0 is the next to run)
 */
public record QueuedTasksView(String queue, long queued, int offset, List<QueuedTask> tasks) {

  /** One queued task, at {@code offset} + its index. */
  public record QueuedTask(
      String id, String type, int priority, Instant queuedAt, String correlationId) {}

  static QueuedTasksView of(TaskStore.QueuedTasks run, int offset) {
    return new QueuedTasksView(
        run.status().queue(),
        run.status().queued(),
        offset,
        run.tasks().stream()
            .map(
                (TaskRecord t) ->
                    new QueuedTask(
                        t.id(),
                        t.type(),
                        t.priority(),
                        t.queuedAt(),
                        t.correlationId().orElse(null)))
            .toList());
  }
}
