package dev.taskyard.app.alerts;

import dev.taskyard.app.history.ArchiveLag;
import dev.taskyard.core.control.BacklogThresholds;
import dev.taskyard.core.stats.QueueStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/** Which of a queue's limits are breached, from facts already read. A zero limit is no limit. */
public final class AlertRules {
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
}
