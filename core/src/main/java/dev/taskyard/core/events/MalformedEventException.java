package dev.taskyard.core.events;

/** A stream entry that does not read as an event: a field missing or not of its form. */
public final class MalformedEventException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public MalformedEventException(String message, Throwable cause) {
    super(message, cause);
  }
}
