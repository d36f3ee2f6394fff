package dev.taskyard.app.platform;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

/**
 * An adapter's fault tolerance gave up (circuit open, timeout, bulkhead full): 503 with {@code
 * Retry-After}. The Redis adapters answer with their own problem ({@link RedisCallInterceptor});
 * this covers every other adapter.
 */
@Provider
public class FaultToleranceExceptionMapper implements ExceptionMapper<FaultToleranceException> {
  private static final Logger LOG = Logger.getLogger(FaultToleranceExceptionMapper.class.getName());

  @Override
  public Response toResponse(FaultToleranceException e) {
    if (!(e instanceof CircuitBreakerOpenException)) {
      LOG.log(Level.WARNING, "A call gave up: " + e);
    }
    return Problem.of(503, "Service unavailable")
        .detail("A store this request needs did not answer in time; try again later.")
        .retryAfter(Duration.ofSeconds(1))
        .toResponse();
  }
}
