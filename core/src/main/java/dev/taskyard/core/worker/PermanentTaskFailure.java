package dev.taskyard.core.worker;

/** Thrown by a handler for a failure that retrying cannot fix: the task is dead-lettered now. */
public class PermanentTaskFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PermanentTaskFailure(String message) {
    super(message);
  }

  public PermanentTaskFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
