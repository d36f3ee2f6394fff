package dev.taskyard.app.audit;

import dev.taskyard.app.platform.Problem;
import dev.taskyard.app.platform.ProblemException;
import java.time.Duration;

/**
 * PostgreSQL did not answer for the audit log: 503 with {@code Retry-After}; the cause goes to the
 * log, not to the client.
 */
public class AuditUnavailableException extends ProblemException {
  private static final long serialVersionUID = 1L;

  AuditUnavailableException(Throwable cause) {
    super(
        Problem.of(503, "Audit log unavailable")
            .detail("The audit log's store did not answer; try again later.")
            .retryAfter(Duration.ofSeconds(5)),
        cause);
  }
}
