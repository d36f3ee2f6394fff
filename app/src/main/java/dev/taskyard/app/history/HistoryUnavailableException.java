package dev.taskyard.app.history;

/** PostgreSQL could not answer (down, too slow, or its circuit breaker is open). */
public class HistoryUnavailableException extends RuntimeException {
  public HistoryUnavailableException(Throwable cause) {
    super("Task history unavailable: " + cause.getMessage(), cause);
  }
}
