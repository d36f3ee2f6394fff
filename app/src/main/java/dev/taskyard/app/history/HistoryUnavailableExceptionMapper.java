package dev.taskyard.app.history;

import jakarta.json.Json;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
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
    return Response.status(Response.Status.SERVICE_UNAVAILABLE)
        .type("application/problem+json")
        .header("Retry-After", 5)
        .entity(
            Json.createObjectBuilder()
                .add("status", 503)
                .add("title", "History unavailable")
                .add("detail", "The task history did not answer; try again later.")
                .build())
        .build();
  }
}
