package dev.taskyard.app.platform;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Logs a failure an outage repeats (Redis or PostgreSQL away answers every request and every round
 * alike): one line each, with the cause's message; its stack trace only when the logger is at
 * {@code FINE}, so an outage does not flood the log with identical traces.
 */
public final class OutageLog {
  private OutageLog() {}

  public static void warning(Logger log, String message, Throwable cause) {
    log.log(Level.WARNING, message + ": " + cause, log.isLoggable(Level.FINE) ? cause : null);
  }
}
