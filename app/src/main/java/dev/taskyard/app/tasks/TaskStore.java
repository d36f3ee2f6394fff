package dev.taskyard.app.tasks;

import dev.taskyard.app.platform.RedisCalls;
import dev.taskyard.core.Taskyard;
import dev.taskyard.core.control.RateLimiter;
import dev.taskyard.core.control.TaskControl;
import dev.taskyard.core.control.TaskMove;
import dev.taskyard.core.dependency.DependencyGraph;
import dev.taskyard.core.dependency.TaskGraph;
import dev.taskyard.core.enqueue.Submission;
import dev.taskyard.core.enqueue.TaskRequest;
import dev.taskyard.core.stats.QueueStatus;
import dev.taskyard.core.task.TaskNotFoundException;
import dev.taskyard.core.task.TaskRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
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
 * The Redis calls behind the task commands, with MicroProfile Fault Tolerance: each method has its
 * own breaker, which counts only Redis failures (the engine's refusals are answers). Limits can be
 * changed through MicroProfile Config, e.g. {@code
 * dev.taskyard.app.tasks.TaskStore/CircuitBreaker/delay}.
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
public class TaskStore {

  @Inject Taskyard taskyard;

  /** Not retried: a submit whose answer was lost may have been written. */
  public List<Submission> submit(String queue, List<TaskRequest> requests) {
    return requests.size() == 1
        ? List.of(taskyard.producer().submit(queue, requests.get(0)))
        : taskyard.producer().submitAll(queue, requests);
  }

  /** Takes submit permits; not retried, a lost answer may have taken them. */
  public Duration acquire(String limiter, RateLimiter.Limit limit, int permits) {
    return taskyard.rateLimiter().acquire(limiter, limit, permits);
  }

  /** The queue that holds task {@code id}, if any: one pipelined read over every queue. */
  @Retry(
      maxRetries = 1,
      delay = 50,
      retryOn = RedisException.class,
      abortOn = RedisConnectionException.class)
  public Optional<String> queueOf(String id) {
    return find(Optional.empty(), id).map(TaskRecord::queue);
  }

  /** The task's live record: in {@code queue} if known, else looked for in every queue. */
  @Retry(
      maxRetries = 1,
      delay = 50,
      retryOn = RedisException.class,
      abortOn = RedisConnectionException.class)
  public Optional<TaskRecord> find(Optional<String> queue, String id) {
    return queue.isPresent()
        ? taskyard.tasks().find(queue.get(), id)
        : taskyard.tasks().find(id, taskyard.queues().queues());
  }

  /** The task's parents and children; empty if it ended and was removed meanwhile. */
  @Retry(
      maxRetries = 1,
      delay = 50,
      retryOn = RedisException.class,
      abortOn = RedisConnectionException.class)
  public Optional<TaskGraph> graph(String queue, String id) {
    try {
      return Optional.of(taskyard.dependencies().graph(queue, id));
    } catch (TaskNotFoundException e) {
      return Optional.empty();
    }
  }

  /**
   * The task's ancestors and descendants, up to {@code levels} each way and {@code maxNodes} in
   * all; empty if it ended and was removed meanwhile.
   */
  @Retry(
      maxRetries = 1,
      delay = 50,
      retryOn = RedisException.class,
      abortOn = RedisConnectionException.class)
  public Optional<DependencyGraph> around(String queue, String id, int levels, int maxNodes) {
    try {
      return Optional.of(taskyard.dependencies().around(queue, id, levels, maxNodes));
    } catch (TaskNotFoundException e) {
      return Optional.empty();
    }
  }

  public TaskControl.Cancellation cancel(String queue, String id) {
    return taskyard.control().cancel(queue, id);
  }

  public void retry(String queue, String id) {
    taskyard.control().retry(queue, id);
  }

  public void promote(String queue, String id) {
    taskyard.control().promote(queue, id);
  }

  public void reprioritize(String queue, String id, int priority) {
    taskyard.control().reprioritize(queue, id, priority);
  }

  /**
   * Moves a queued task one place up or down, or ahead of every other; false when it is at that end
   * already.
   */
  public boolean move(String queue, String id, MoveCommand.Place to) {
    return switch (to) {
      case UP -> taskyard.control().move(queue, id, TaskMove.UP);
      case DOWN -> taskyard.control().move(queue, id, TaskMove.DOWN);
      case NEXT -> {
        taskyard.control().runNext(queue, id);
        yield true;
      }
    };
  }

  /**
   * The queue's status with up to {@code limit} of its queued tasks from the {@code offset}-th, in
   * the order workers will claim them; an unknown queue is refused.
   */
  @Retry(
      maxRetries = 1,
      delay = 50,
      retryOn = RedisException.class,
      abortOn = RedisConnectionException.class)
  public QueuedTasks queued(String queue, int offset, int limit) {
    QueueStatus status = taskyard.stats().status(queue);
    return new QueuedTasks(status, taskyard.tasks().queued(queue, offset, limit));
  }

  /** A queue's status and a run of its queued tasks, in claim order. */
  public record QueuedTasks(QueueStatus status, List<TaskRecord> tasks) {}

  public void delete(String queue, String id) {
    taskyard.control().delete(queue, id);
  }

  /** A page of {@code queue}'s dead-lettered tasks, most recent first. */
  @Retry(
      maxRetries = 1,
      delay = 50,
      retryOn = RedisException.class,
      abortOn = RedisConnectionException.class)
  public List<TaskRecord> deadLetters(String queue, int offset, int limit) {
    return taskyard.deadLetters().list(queue, offset, limit);
  }

  /** How many dead letters {@code queue} holds; refuses an unknown queue. */
  @Retry(
      maxRetries = 1,
      delay = 50,
      retryOn = RedisException.class,
      abortOn = RedisConnectionException.class)
  public long deadLetterCount(String queue) {
    return taskyard.stats().status(queue).dead();
  }

  /** Runs the given ended tasks of one queue again in one step; the ids it retried. */
  public List<String> retryAll(String queue, List<String> ids) {
    return TaskControl.retried(
        taskyard.control().retryTasks(queue, TaskControl.RetryScope.ANY_ENDED, 0, ids));
  }

  /** Puts the given dead-lettered tasks back in their queue; the ids it replayed. */
  public List<String> replay(String queue, List<String> ids) {
    return taskyard.deadLetters().replay(queue, ids);
  }

  /** Replays the oldest {@code limit} dead-lettered tasks of {@code queue}; the ids it replayed. */
  public List<String> replayOldest(String queue, int limit) {
    return taskyard.deadLetters().replayAll(queue, limit);
  }

  /** Up to {@code limit} of {@code queue}'s running tasks. */
  @Retry(
      maxRetries = 1,
      delay = 50,
      retryOn = RedisException.class,
      abortOn = RedisConnectionException.class)
  public List<TaskRecord> running(String queue, int limit) {
    return taskyard.tasks().running(queue, limit);
  }
}
