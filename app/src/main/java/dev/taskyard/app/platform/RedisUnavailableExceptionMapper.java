package dev.taskyard.app.platform;

import jakarta.json.Json;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.redisson.client.RedisException;

/**
 * Redis unreachable or too slow: 503 with a JSON problem body, so clients retry later. The cause
 * goes to the log, not to the client.
 */
@Provider
public class RedisUnavailableExceptionMapper implements ExceptionMapper<RedisException> {
  private static final Logger LOG =
      Logger.getLogger(RedisUnavailableExceptionMapper.class.getName());

  @Override
  public Response toResponse(RedisException e) {
    LOG.log(Level.WARNING, "Redis unavailable", e);
    return Response.status(Response.Status.SERVICE_UNAVAILABLE)
        .type("application/problem+json")
        .entity(
            Json.createObjectBuilder()
                .add("status", 503)
                .add("title", "Redis unavailable")
                .add("detail", "The queue store did not answer; try again later.")
                .build())
        .build();
  }
}
