package dev.taskyard.core.encryption;

import dev.taskyard.core.TaskyardException;

/** A sealed value that cannot be opened here: its key is not configured, or it was altered. */
public class UnreadableValueException extends TaskyardException {
  private static final long serialVersionUID = 1L;

  public UnreadableValueException(String message) {
    super(message);
  }
}
