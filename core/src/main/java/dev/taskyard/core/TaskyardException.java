package dev.taskyard.core;

/** Base of the engine's exceptions: each says what was refused and why. */
public class TaskyardException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TaskyardException(String message) {
    super(message);
  }

  public TaskyardException(String message, Throwable cause) {
    super(message, cause);
  }
}
