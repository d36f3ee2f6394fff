package dev.taskyard.app.platform;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.time.Duration;
import java.util.logging.Logger;
import org.redisson.client.RedisException;

/**
 * A Redis call that failed outside the fault-tolerant adapters: 503 with {@code Retry-After}, the
 * cause to the log, not to the client.
 */
@Provider
public class RedisUnavailableExceptionMapper implements ExceptionMapper<RedisException> {
  private static final Logger LOG =
      Logger.getLogger(RedisUnavailableExceptionMapper.class.getName());

  @Override
  public Response toResponse(RedisException e) {
    OutageLog.warning(LOG, "Redis unavailable", e);
    return RedisCallInterceptor.unavailable(Duration.ofSeconds(1)).toResponse();
  }
}
