package dev.taskyard.app.tasks;

import dev.taskyard.core.Taskyard;
import dev.taskyard.core.enqueue.Submission;
import dev.taskyard.core.enqueue.TaskRequest;
import dev.taskyard.core.task.TaskRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * What application code injects to submit tasks. Options (priority, delay or run-at, attempts,
 * timeout, dependencies, idempotency key, correlation id) are those of the engine's {@link
 * TaskRequest}; validation and writing are the engine's too.
 *
 * <pre>{@code
 * @Inject TaskQueue tasks;
 * TaskRef checksum = tasks.submit("files", "file.checksum", "{\"path\":\"/in/a.pdf\"}");
 * tasks.submit("files", TaskRequest.of("file.move", payload).withDependencies(List.of(checksum)));
 * }</pre>
 */
@ApplicationScoped
public class TaskQueue {

  @Inject Taskyard taskyard;

  /**
   * Submits a task with the queue's defaults.
   *
   * @throws dev.taskyard.core.InvalidInputException naming the field at fault; nothing written
   * @throws dev.taskyard.core.enqueue.QueueFullException the queue is at capacity
   */
  public TaskRef submit(String queue, String type, String payloadJson) {
    return submit(queue, TaskRequest.of(type, payloadJson));
  }

  /** Submits a task with options; see {@link #submit(String, String, String)} for failures. */
  public TaskRef submit(String queue, TaskRequest request) {
    return new TaskRef(queue, send(queue, request).id());
  }

  /**
   * Submits a task and tells whether it was new: false when its idempotency key matched an earlier
   * task, whose id it then carries.
   */
  public Submission send(String queue, TaskRequest request) {
    return taskyard.producer().submit(queue, request);
  }

  /** Submits a batch atomically: all tasks are written, or none. */
  public List<TaskRef> submitAll(String queue, List<TaskRequest> requests) {
    return taskyard.producer().submitAll(queue, requests).stream()
        .map(s -> new TaskRef(queue, s.id()))
        .toList();
  }
}
