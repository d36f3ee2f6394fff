package dev.taskyard.app.schedules;

import dev.taskyard.app.platform.RedisCalls;
import dev.taskyard.core.Taskyard;
import dev.taskyard.core.schedule.Schedule;
import dev.taskyard.core.schedule.ScheduleDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.redisson.client.RedisConnectionException;
import org.redisson.client.RedisException;

/**
 * The Redis calls behind the schedule endpoints, with MicroProfile Fault Tolerance (one breaker per
 * method, counting only Redis failures; reads retried once). Limits through MicroProfile Config,
 * e.g. {@code dev.taskyard.app.schedules.ScheduleStore/Bulkhead/value}.
 */
@ApplicationScoped
@RedisCalls
@Timeout(2000)
@CircuitBreaker(
    requestVolumeThreshold = 4,
    failureRatio = 0.5,
    delay = 5000,
    failOn = {RedisException.class, TimeoutException.class})
@Bulkhead(50)
public class ScheduleStore {

  @Inject Taskyard taskyard;

  public Schedule create(String queue, String name, ScheduleDefinition definition) {
    return taskyard.schedules().create(queue, name, definition);
  }

  public Schedule update(String queue, String name, ScheduleDefinition definition) {
    return taskyard.schedules().update(queue, name, definition);
  }

  public Schedule pause(String queue, String name) {
    return taskyard.schedules().pause(queue, name);
  }

  public Schedule resume(String queue, String name) {
    return taskyard.schedules().resume(queue, name);
  }

  public void delete(String queue, String name) {
    taskyard.schedules().delete(queue, name);
  }

  @Retry(
      maxRetries = 1,
      delay = 50,
      retryOn = RedisException.class,
      abortOn = RedisConnectionException.class)
  public Optional<Schedule> get(String queue, String name) {
    return taskyard.schedules().get(queue, name);
  }

  /**
   * The schedules of one queue, or of every queue when {@code queue} is empty, by queue and name.
   */
  @Retry(
      maxRetries = 1,
      delay = 50,
      retryOn = RedisException.class,
      abortOn = RedisConnectionException.class)
  public List<Schedule> list(Optional<String> queue) {
    List<String> queues = queue.map(List::of).orElseGet(() -> taskyard.queues().queues());
    return queues.stream().flatMap(q -> taskyard.schedules().list(q).stream()).toList();
  }
}
