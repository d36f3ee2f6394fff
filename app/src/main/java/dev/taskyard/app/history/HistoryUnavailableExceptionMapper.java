package dev.taskyard.app.history;

import dev.taskyard.app.platform.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * PostgreSQL unreachable, too slow or its breaker open: 503 with a JSON problem body and a
 * Retry-After, so clients retry later. The cause goes to the log, not to the client.
 */
@Provider
public class HistoryUnavailableExceptionMapper
    implements ExceptionMapper<HistoryUnavailableException> {
  private static final Logger LOG =
      Logger.getLogger(HistoryUnavailableExceptionMapper.class.getName());

  @Override
  public Response toResponse(HistoryUnavailableException e) {
    LOG.log(Level.WARNING, "Task history unavailable", e);
    return Problem.of(503, "History unavailable")
        .detail("The task history did not answer; try again later.")
        .retryAfter(Duration.ofSeconds(5))
        .toResponse();
  }
}
