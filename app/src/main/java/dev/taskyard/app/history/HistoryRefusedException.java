package dev.taskyard.app.history;

/**
 * PostgreSQL refused what it was given (a value it cannot store, a constraint broken): sending the
 * same again fails again, so the archiver sets the entry at fault aside instead of retrying for
 * ever. Not a failure of the database, so it does not count toward opening its circuit breaker.
 */
public class HistoryRefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public HistoryRefusedException(Throwable cause) {
    super(cause.getMessage(), cause);
  }
}
