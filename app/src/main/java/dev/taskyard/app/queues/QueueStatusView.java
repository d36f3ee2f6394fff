package dev.taskyard.app.queues;

import dev.taskyard.app.history.ArchiveLag;
import dev.taskyard.core.stats.QueueStatus;
import java.time.Duration;

/** A queue's status as the REST API shows it. */
public record QueueStatusView(
    String queue,
    long queued,
    long scheduled,
    long waiting,
    long running,
    long dead,
    boolean paused,
    Long oldestQueuedAgeMs,
    Totals totals,
    ArchiveLag archive) {

  /** Counters since the queue was created. */
  public record Totals(
      long enqueued,
      long succeeded,
      long failed,
      long retried,
      long deadLettered,
      long leasesExpired,
      long replayed,
      long cancelled) {}

  static QueueStatusView of(QueueStatus status, ArchiveLag archive) {
    QueueStatus.Totals t = status.totals();
    return new QueueStatusView(
        status.queue(),
        status.queued(),
        status.scheduled(),
        status.waiting(),
        status.running(),
        status.dead(),
        status.paused(),
        status.oldestQueuedAge().map(Duration::toMillis).orElse(null),
        new Totals(
            t.enqueued(),
            t.succeeded(),
            t.failed(),
            t.retried(),
            t.deadLettered(),
            t.leasesExpired(),
            t.replayed(),
            t.cancelled()),
        archive);
  }
}
