package dev.taskyard.app.tasks;

import dev.taskyard.core.task.TaskRecord;
import java.time.Instant;
import java.util.List;

/**
 * A page of a queue's dead letters, most recent first; {@code total} is how many the queue holds,
 * so {@code offset + limit < total} means there are more.
 */
public record DeadLetterPageView(
    String queue, long total, int offset, int limit, List<DeadLetterView> tasks) {

  /** One dead-lettered task: how it ended (FAILED or EXPIRED) and why. */
  public record DeadLetterView(
      String id,
      String type,
      String state,
      int attempts,
      int maxAttempts,
      String error,
      String correlationId,
      Instant createdAt,
      Instant finishedAt) {
    static DeadLetterView of(TaskRecord r) {
      return new DeadLetterView(
          r.id(),
          r.type(),
          r.state().name(),
          r.attempts(),
          r.maxAttempts(),
          r.error().orElse(null),
          r.correlationId().orElse(null),
          r.createdAt(),
          r.finishedAt().orElse(null));
    }
  }
}
