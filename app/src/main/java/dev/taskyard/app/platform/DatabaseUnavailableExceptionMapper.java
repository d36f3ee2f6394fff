package dev.taskyard.app.platform;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.sql.SQLException;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * PostgreSQL unreachable or failing: 503 with {@code Retry-After}. Only history, metrics and alerts
 * need it; the queues go on without it. The cause goes to the log, not to the client.
 */
@Provider
public class DatabaseUnavailableExceptionMapper implements ExceptionMapper<SQLException> {
  private static final Logger LOG =
      Logger.getLogger(DatabaseUnavailableExceptionMapper.class.getName());

  @Override
  public Response toResponse(SQLException e) {
    OutageLog.warning(LOG, "PostgreSQL unavailable", e);
    return Problem.of(503, "PostgreSQL unavailable")
        .detail("The history store did not answer; try again later.")
        .retryAfter(Duration.ofSeconds(5))
        .toResponse();
  }
}
