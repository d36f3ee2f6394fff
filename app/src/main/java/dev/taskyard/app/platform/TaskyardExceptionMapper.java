package dev.taskyard.app.platform;

import dev.taskyard.core.InvalidInputException;
import dev.taskyard.core.TaskyardException;
import dev.taskyard.core.control.HistoryBehindException;
import dev.taskyard.core.control.QueueNotEmptyException;
import dev.taskyard.core.control.UnknownQueueException;
import dev.taskyard.core.enqueue.NotReplicatedException;
import dev.taskyard.core.enqueue.QueueFullException;
import dev.taskyard.core.schedule.ScheduleExistsException;
import dev.taskyard.core.schedule.ScheduleNotFoundException;
import dev.taskyard.core.task.IllegalTransitionException;
import dev.taskyard.core.task.TaskNotFoundException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.time.Duration;
import java.util.Set;

/**
 * The engine's refusals as problems: bad input 400 naming the field, unknown things 404, conflicts
 * 409, a full queue or a submit no replica confirmed 503 with {@code Retry-After}. Their messages
 * are written for the caller.
 */
@Provider
public class TaskyardExceptionMapper implements ExceptionMapper<TaskyardException> {
  /**
   * The engine names durations by their meaning ({@code timeout}); the API names them with their
   * unit ({@code timeoutMs}).
   */
  private static final Set<String> DURATIONS =
      Set.of(
          "delay",
          "timeout",
          "backoffBase",
          "backoffCap",
          "retention",
          "idempotencyTtl",
          "maxOldestAge",
          "failureWindow",
          "scaleDownCooldown",
          "maxAge");

  /** A full queue frees room as workers take tasks: ask the client to come back soon. */
  static final Duration FULL_QUEUE_RETRY = Duration.ofSeconds(1);

  /**
   * A replica that did not confirm in time is usually catching up or being replaced: a second
   * later, a submit with the same idempotency key settles the outcome.
   */
  static final Duration NOT_REPLICATED_RETRY = Duration.ofSeconds(1);

  /** The archiver acknowledges within moments of catching up. */
  static final Duration HISTORY_RETRY = Duration.ofSeconds(2);

  @Override
  public Response toResponse(TaskyardException e) {
    return problem(e).toResponse();
  }

  static Problem problem(TaskyardException e) {
    if (e instanceof InvalidInputException invalid) {
      String field = invalid.field();
      String detail = invalid.getMessage().substring(field.length() + 2);
      boolean duration = DURATIONS.contains(field.substring(field.lastIndexOf('.') + 1));
      return Problem.badInput(duration ? field + "Ms" : field, detail);
    }
    if (e instanceof UnknownQueueException) {
      return Problem.of(Response.Status.NOT_FOUND).field("queue").detail(e.getMessage());
    }
    if (e instanceof TaskNotFoundException || e instanceof ScheduleNotFoundException) {
      return Problem.of(Response.Status.NOT_FOUND).detail(e.getMessage());
    }
    if (e instanceof HistoryBehindException) {
      return Problem.of(Response.Status.CONFLICT).detail(e.getMessage()).retryAfter(HISTORY_RETRY);
    }
    if (e instanceof IllegalTransitionException
        || e instanceof ScheduleExistsException
        || e instanceof QueueNotEmptyException) {
      return Problem.of(Response.Status.CONFLICT).detail(e.getMessage());
    }
    if (e instanceof QueueFullException) {
      return Problem.of(503, "Queue full").detail(e.getMessage()).retryAfter(FULL_QUEUE_RETRY);
    }
    if (e instanceof NotReplicatedException) {
      return Problem.of(503, "Not replicated")
          .detail(e.getMessage())
          .retryAfter(NOT_REPLICATED_RETRY);
    }
    return Problem.of(Response.Status.BAD_REQUEST).detail(e.getMessage());
  }
}
