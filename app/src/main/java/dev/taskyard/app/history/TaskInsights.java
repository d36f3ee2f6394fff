package dev.taskyard.app.history;

import java.time.Instant;
import java.util.List;

/**
 * What the tasks created in [{@code from}, {@code to}) did, by task type, and the errors they
 * failed with most often: the dashboard's breakdown and top errors, and {@code GET
 * /api/queue/insights}.
 *
 * @param queue the queue they were narrowed to; null for every queue
 */
public record TaskInsights(
    Instant from, Instant to, String queue, List<TypeStats> types, List<ErrorGroup> errors) {

  /**
   * One task type's tasks, most first.
   *
   * @param type null for tasks whose submission was never archived
   * @param tasks every task of the type created in the range, in any state
   * @param failed tasks that ended FAILED or EXPIRED
   * @param successRate succeeded / (succeeded + failed); null while none has ended so
   * @param avgMs mean run time (last start to end) of the tasks that succeeded or failed; null for
   *     none
   * @param p95Ms 95th percentile of that run time, interpolated between the two nearest
   */
  public record TypeStats(
      String type,
      long tasks,
      long succeeded,
      long failed,
      Double successRate,
      Double avgMs,
      Double p95Ms) {}

  /**
   * The tasks that failed with errors of one shape, most first.
   *
   * @param pattern the shape ({@link ErrorPattern}): the {@code error} filter of the task list
   * @param message the latest of these errors, as it was
   * @param tasks how many failed with it
   * @param types the task types that did, in name order
   * @param lastSeen when the latest of them failed
   */
  public record ErrorGroup(
      String pattern, String message, long tasks, List<String> types, Instant lastSeen) {}
}
