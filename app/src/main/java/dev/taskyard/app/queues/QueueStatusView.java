package dev.taskyard.app.queues;

import dev.taskyard.app.history.ArchiveLag;
import dev.taskyard.app.metrics.QueueRates;
import dev.taskyard.app.tasks.KeyedCircuitBreaker;
import dev.taskyard.core.stats.QueueStatus;
import java.time.Duration;

/**
 * A queue's status as the REST API shows it. {@code rates} come from the last minute of metric
 * samples; null while there are none or PostgreSQL is away. {@code submitBreaker} is the state of
 * the answering node's submit circuit for the queue; {@code archive} the stream entries not yet in
 * PostgreSQL.
 */
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
    QueueWorkers workers,
    QueueRates rates,
    KeyedCircuitBreaker.State submitBreaker,
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
      long cancelled,
      long deadLettersTrimmed,
      long recordsLost) {}

  static QueueStatusView of(
      QueueStatus status,
      QueueWorkers workers,
      QueueRates rates,
      KeyedCircuitBreaker.State submitBreaker,
      ArchiveLag archive) {
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
            t.cancelled(),
            t.deadLettersTrimmed(),
            t.recordsLost()),
        workers,
        rates,
        submitBreaker,
        archive);
  }
}
