package dev.taskyard.app.history;

import dev.taskyard.app.platform.Problem;
import dev.taskyard.app.platform.ProblemException;
import java.time.Duration;

/**
 * PostgreSQL could not answer (down, too slow, or its circuit breaker is open): 503 with {@code
 * Retry-After}; the cause goes to the log, not to the client.
 */
public class HistoryUnavailableException extends ProblemException {
  private static final long serialVersionUID = 1L;

  public HistoryUnavailableException(Throwable cause) {
    super(
        Problem.of(503, "History unavailable")
            .detail("The task history did not answer; try again later.")
            .retryAfter(Duration.ofSeconds(5)),
        cause);
  }
}
