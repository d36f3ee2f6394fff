package dev.taskyard.app.tasks;

import dev.taskyard.app.history.TaskHistory;
import dev.taskyard.app.history.Transition;
import dev.taskyard.core.dependency.TaskGraph;
import dev.taskyard.core.task.TaskRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One task in full: its live record from Redis where it is still there, otherwise its archived row,
 * with the timeline of its events from the history and its parents and children.
 *
 * @param waitMs how long the latest attempt waited in the queue before it was claimed
 * @param runMs how long the last ended attempt ran
 * @param cpuTimeMicros the CPU time the handler's thread used in the last ended attempt, and {@code
 *     allocatedBytes} the heap memory it allocated (from the history: of the last measured
 *     attempt); null where not measured
 * @param live true if read from Redis; false when only the history has it (past retention)
 * @param historyAvailable false when PostgreSQL could not be asked: the timeline is then missing
 */
public record TaskDetailView(
    String id,
    String queue,
    String type,
    String state,
    int priority,
    int attempts,
    Integer maxAttempts,
    String correlationId,
    String idempotencyKey,
    String payload,
    Integer progress,
    String progressMessage,
    String result,
    String error,
    String stackTrace,
    String worker,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    Long waitMs,
    Long runMs,
    Long cpuTimeMicros,
    Long allocatedBytes,
    boolean live,
    boolean historyAvailable,
    List<TransitionView> timeline,
    List<TaskRefView> parents,
    List<TaskRefView> children) {

  /** One event on the timeline. */
  public record TransitionView(
      String event,
      String state,
      Instant at,
      String worker,
      Integer attempt,
      String error,
      String detail) {
    static TransitionView of(Transition t) {
      return new TransitionView(
          t.event(), t.state(), t.at(), t.worker(), t.attempt(), t.error(), t.detail());
    }
  }

  /** A parent or child; state null when it no longer exists. */
  public record TaskRefView(String queue, String id, String state) {
    static TaskRefView of(TaskGraph.Node node) {
      return new TaskRefView(
          node.task().queue(), node.task().id(), node.state().map(Enum::name).orElse(null));
    }
  }

  static TaskDetailView live(
      TaskRecord r, List<Transition> timeline, boolean historyAvailable, TaskGraph graph) {
    return new TaskDetailView(
        r.id(),
        r.queue(),
        r.type(),
        r.state().name(),
        r.priority(),
        r.attempts(),
        r.maxAttempts(),
        r.correlationId().orElse(null),
        r.idempotencyKey().orElse(null),
        r.payload(),
        r.progress().orElse(null),
        r.progressMessage().orElse(null),
        r.result().orElse(null),
        r.error().orElse(null),
        r.stackTrace().orElse(null),
        r.workerId().orElse(null),
        r.createdAt(),
        r.startedAt().orElse(null),
        r.finishedAt().orElse(null),
        r.startedAt()
            .filter(start -> !start.isBefore(r.queuedAt()))
            .map(start -> Duration.between(r.queuedAt(), start).toMillis())
            .orElse(null),
        r.duration().map(Duration::toMillis).orElse(null),
        r.cpuTime().map(cpu -> cpu.toNanos() / 1000).orElse(null),
        r.allocatedBytes().orElse(null),
        true,
        historyAvailable,
        timeline.stream().map(TransitionView::of).toList(),
        graph == null ? List.of() : graph.parents().stream().map(TaskRefView::of).toList(),
        graph == null ? List.of() : graph.children().stream().map(TaskRefView::of).toList());
  }

  static TaskDetailView archived(TaskHistory h, List<Transition> timeline) {
    return new TaskDetailView(
        h.id(),
        h.queue(),
        h.type(),
        h.state(),
        h.priority(),
        h.attempts(),
        null,
        h.correlationId(),
        null,
        null,
        null,
        null,
        null,
        h.error(),
        null,
        h.worker(),
        h.createdAt(),
        h.startedAt(),
        h.finishedAt(),
        h.waitMs(),
        h.runMs(),
        h.cpuTimeMicros(),
        h.allocatedBytes(),
        false,
        true,
        timeline.stream().map(TransitionView::of).toList(),
        List.of(),
        List.of());
  }
}
