package dev.taskyard.app.alerts;

import dev.taskyard.app.history.ArchiveLag;
import dev.taskyard.core.control.BacklogThresholds;
import dev.taskyard.core.deadletter.DeadLetters;
import dev.taskyard.core.stats.QueueStatus;
import dev.taskyard.core.worker.WorkerNode;
import dev.taskyard.core.worker.WorkerRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Which of a queue's limits are breached, and which news of queues and worker nodes is to be told,
 * from facts already read. A zero limit is no limit.
 */
public final class AlertRules {
  /** The longest error quoted in a message; the task itself holds all of it. */
  static final int MAX_ERROR = 200;

  private AlertRules() {}

  /** Every condition breached: the queue's thresholds and breaker, and no workers. */
  public static List<QueueCondition> breached(QueueFacts facts) {
    QueueStatus status = facts.status();
    BacklogThresholds limits = facts.limits();
    OptionalDouble failureRatio = facts.failureRatio();
    String queue = status.queue();
    List<QueueCondition> breached = new ArrayList<>();
    if (limits.maxQueued() > 0 && status.queued() > limits.maxQueued()) {
      breached.add(
          new QueueCondition(
              queue,
              AlertKind.BACKLOG,
              status.queued(),
              limits.maxQueued(),
              "%d tasks queued in %s, above its limit of %d"
                  .formatted(status.queued(), queue, limits.maxQueued())));
    }
    Duration oldest = status.oldestQueuedAge().orElse(Duration.ZERO);
    if (!limits.maxOldestAge().isZero() && oldest.compareTo(limits.maxOldestAge()) > 0) {
      breached.add(
          new QueueCondition(
              queue,
              AlertKind.OLDEST_AGE,
              oldest.toMillis() / 1000.0,
              limits.maxOldestAge().toMillis() / 1000.0,
              "the oldest task in %s has waited %d s, above its limit of %d s"
                  .formatted(queue, oldest.toSeconds(), limits.maxOldestAge().toSeconds())));
    }
    if (limits.maxFailureRatio() > 0
        && failureRatio.isPresent()
        && failureRatio.getAsDouble() > limits.maxFailureRatio()) {
      breached.add(
          new QueueCondition(
              queue,
              AlertKind.FAILURE_RATIO,
              failureRatio.getAsDouble(),
              limits.maxFailureRatio(),
              "%.0f%% of attempts in %s failed over the last %d min, above its limit of %.0f%%"
                  .formatted(
                      failureRatio.getAsDouble() * 100,
                      queue,
                      limits.failureWindow().toMinutes(),
                      limits.maxFailureRatio() * 100)));
    }
    if (facts.submitBreakerOpen()) {
      breached.add(
          new QueueCondition(
              queue,
              AlertKind.SUBMIT_BREAKER_OPEN,
              1,
              0,
              ("submits to %s are refused at once: it was full again and again;"
                      + " add workers or raise its capacity")
                  .formatted(queue)));
    }
    if (status.queued() > 0 && !status.paused() && facts.workerThreads() == 0) {
      breached.add(
          new QueueCondition(
              queue,
              AlertKind.NO_WORKERS,
              0,
              1,
              "%d tasks queued in %s and no live worker serves it"
                  .formatted(status.queued(), queue)));
    }
    return breached;
  }

  /**
   * The history of the queue is behind: its oldest unarchived event is older than {@code maxLag},
   * or its stream is past the warning level of the archive's limit.
   */
  public static Optional<QueueCondition> archiveBehind(
      String queue, ArchiveLag lag, Duration maxLag) {
    long ageMs = lag.oldestAgeMs() == null ? 0 : lag.oldestAgeMs();
    if (ageMs <= maxLag.toMillis() && !lag.warning()) {
      return Optional.empty();
    }
    return Optional.of(
        new QueueCondition(
            queue,
            AlertKind.ARCHIVE_LAG,
            ageMs / 1000.0,
            maxLag.toSeconds(),
            ("the history of %s is %d s behind with %d events not yet in PostgreSQL%s;"
                    + " see <app>/health/history")
                .formatted(
                    queue,
                    ageMs / 1000,
                    lag.pending(),
                    lag.warning()
                        ? ", past the warning level: beyond taskyard.archive.max-stream-entries"
                            + " the oldest are dropped from history"
                        : ", above its limit of %d s".formatted(maxLag.toSeconds()))));
  }

  /**
   * The tasks of {@code queue} dead-lettered since the last such alert was acknowledged, if any:
   * how many, since when, and the latest one's error.
   */
  public static Optional<QueueCondition> deadLettered(String queue, DeadLetters.Recent recent) {
    if (recent.count() == 0) {
      return Optional.empty();
    }
    String error =
        recent.latest() == null
            ? null
            : recent.latest().error().map(e -> e.lines().findFirst().orElse("")).orElse(null);
    return Optional.of(
        new QueueCondition(
            queue,
            AlertKind.DEAD_LETTERED,
            recent.count(),
            0,
            "%d %s dead-lettered in %s since %s, last error: %s"
                .formatted(
                    recent.count(),
                    recent.count() == 1 ? "task" : "tasks",
                    queue,
                    recent.first().truncatedTo(ChronoUnit.SECONDS),
                    error == null || error.isBlank() ? "none recorded" : shorten(error))));
  }

  /**
   * A lost worker node: critical when it left queues with tasks queued and no worker ({@code
   * unserved}), whose {@link AlertKind#NO_WORKERS} this alert stands for.
   */
  public static QueueCondition workerLost(WorkerNode node, List<String> unserved, Instant now) {
    String queues =
        String.join(", ", node.queues().stream().map(WorkerNode.QueueLoad::queue).toList());
    return new QueueCondition(
        null,
        node.nodeId(),
        AlertKind.WORKER_LOST,
        unserved.isEmpty() ? AlertKind.WORKER_LOST.severity() : AlertKind.Severity.CRITICAL,
        Math.max(0, Duration.between(node.lastBeat(), now).toSeconds()),
        WorkerRegistry.TIME_TO_LIVE.toSeconds(),
        ("node %s lost (last heartbeat at %s, it served queues %s; its running tasks run again"
                + " after their leases)%s")
            .formatted(
                node.nodeId(),
                node.lastBeat().truncatedTo(ChronoUnit.SECONDS),
                queues.isEmpty() ? "none" : queues,
                unserved.isEmpty()
                    ? ""
                    : "; tasks are queued and no worker is left in "
                        + String.join(", ", unserved)));
  }

  private static String shorten(String text) {
    return text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR) + "…";
  }
}
