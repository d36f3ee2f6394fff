package dev.taskyard.app.platform;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Wraps the Fault Tolerance interceptor of a {@link DatabaseCalls} adapter (a lower priority runs
 * outside it). A {@code @Timeout} stops a call by interrupting the calling thread, and the JDBC
 * pool sets the interrupt again as it gives up waiting for a connection. Once the call has ended
 * (failed, or answered by its fallback) that interrupt has done its work; left set, it would fail
 * the request's next blocking call, such as the Redis read of a task's status while PostgreSQL is
 * away. An interrupt the thread already had before the call is kept.
 */
@DatabaseCalls
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class DatabaseCallInterceptor {

  @AroundInvoke
  Object call(InvocationContext context) throws Exception {
    boolean interruptedBefore = Thread.currentThread().isInterrupted();
    try {
      return context.proceed();
    } finally {
      if (!interruptedBefore) {
        Thread.interrupted();
      }
    }
  }
}
