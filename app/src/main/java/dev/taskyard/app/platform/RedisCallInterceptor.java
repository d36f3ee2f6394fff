package dev.taskyard.app.platform;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.redisson.client.RedisException;

/**
 * Wraps the Fault Tolerance interceptor of a {@link RedisCalls} adapter (a lower priority runs
 * outside it). MicroProfile FT does not expose a breaker's state, so this watches what comes out:
 * refused by an open circuit, or answered. Failures leave as a 503 problem with {@code
 * Retry-After}.
 */
@RedisCalls
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class RedisCallInterceptor {
  private static final Logger LOG = Logger.getLogger(RedisCallInterceptor.class.getName());
  private static final Duration RETRY_SOON = Duration.ofSeconds(1);

  @Inject RedisCircuits circuits;

  @AroundInvoke
  Object observe(InvocationContext call) throws Exception {
    String name = RedisCircuits.name(call.getMethod());
    try {
      Object result = call.proceed();
      circuits.answered(name);
      return result;
    } catch (CircuitBreakerOpenException e) {
      Duration wait = circuits.refused(name, call.getMethod());
      throw new ProblemException(unavailable(wait), e);
    } catch (FaultToleranceException | RedisException e) {
      LOG.log(Level.WARNING, "Redis call " + name + " failed: " + e);
      throw new ProblemException(unavailable(RETRY_SOON), e);
    } catch (RuntimeException e) {
      // The engine refused the input or the state (Redis did answer): the circuit is healthy.
      circuits.answered(name);
      throw e;
    }
  }

  static Problem unavailable(Duration retryAfter) {
    return Problem.of(503, "Redis unavailable")
        .detail("The queue store did not answer; try again later.")
        .retryAfter(retryAfter);
  }
}
