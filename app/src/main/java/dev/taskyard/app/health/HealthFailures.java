package dev.taskyard.app.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Why a health check failed, told twice: in full to the server log, and as a fixed sentence in the
 * health data. Health answers are open to anyone, and an exception's text carries internal host
 * names, ports and user names. Orchestrators poll every few seconds, so a cause is logged when it
 * starts (or changes), not at every poll.
 */
@ApplicationScoped
public class HealthFailures {
  private static final Logger LOG = Logger.getLogger(HealthFailures.class.getName());

  private final Map<String, String> lastCause = new ConcurrentHashMap<>();

  /**
   * Logs {@code cause} for {@code check} unless it was the last one logged, and returns {@code
   * summary}: what the health data may say.
   */
  public String report(String check, String summary, Throwable cause) {
    String text = cause.getClass().getName() + ": " + cause.getMessage();
    if (!Objects.equals(lastCause.put(check, text), text)) {
      LOG.log(Level.WARNING, "Health check " + check + ": " + summary + ": " + text);
    }
    return summary + " (the server log has the cause)";
  }

  /** Forgets the last cause of {@code check}, which is healthy again. */
  public void recovered(String check) {
    if (lastCause.remove(check) != null) {
      LOG.info("Health check " + check + " is healthy again");
    }
  }
}
