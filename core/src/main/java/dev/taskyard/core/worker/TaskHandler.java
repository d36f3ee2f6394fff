package dev.taskyard.core.worker;

/** Runs tasks of one type. Called on a worker thread; may block. */
@FunctionalInterface
public interface TaskHandler {

  /**
   * @return the result as JSON text, or null for none
   * @throws PermanentTaskFailure to dead-letter the task at once; any other exception fails the
   *     attempt, which is retried with backoff while attempts remain
   */
  String handle(TaskContext task) throws Exception;
}
