package dev.taskyard.exporter;

import static dev.taskyard.exporter.Snapshots.perQueueCounter;

import dev.taskyard.core.stats.QueueStatus;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;

/** The queues' monotonic counters, kept in Redis by the scripts, as counters. */
final class TotalsMetrics implements ReadingMetrics {
  @Override
  public List<MetricSnapshot> metrics(Reading reading) {
    List<QueueStatus> s = reading.statuses();
    return List.of(
        perQueueCounter(
            "taskyard_tasks_enqueued",
            "Tasks submitted.",
            s,
            QueueStatus::queue,
            q -> q.totals().enqueued()),
        perQueueCounter(
            "taskyard_tasks_succeeded",
            "Tasks that succeeded.",
            s,
            QueueStatus::queue,
            q -> q.totals().succeeded()),
        perQueueCounter(
            "taskyard_tasks_failed",
            "Failed attempts, each then retried or dead-lettered.",
            s,
            QueueStatus::queue,
            q -> q.totals().failed()),
        perQueueCounter(
            "taskyard_tasks_retried",
            "Attempts scheduled again after a failure.",
            s,
            QueueStatus::queue,
            q -> q.totals().retried()),
        perQueueCounter(
            "taskyard_tasks_dead_lettered",
            "Tasks dead-lettered (attempts exhausted, or a lease expired with none left).",
            s,
            QueueStatus::queue,
            q -> q.totals().deadLettered()),
        perQueueCounter(
            "taskyard_tasks_cancelled",
            "Tasks cancelled.",
            s,
            QueueStatus::queue,
            q -> q.totals().cancelled()),
        perQueueCounter(
            "taskyard_tasks_replayed",
            "Operator retries of ended tasks.",
            s,
            QueueStatus::queue,
            q -> q.totals().replayed()),
        perQueueCounter(
            "taskyard_leases_expired",
            "Leases that expired: the worker went silent.",
            s,
            QueueStatus::queue,
            q -> q.totals().leasesExpired()),
        perQueueCounter(
            "taskyard_dead_letters_trimmed",
            "Dead letters deleted by the dead-letter retention.",
            s,
            QueueStatus::queue,
            q -> q.totals().deadLettersTrimmed()),
        perQueueCounter(
            "taskyard_records_lost",
            "Queued tasks evicted by Redis before they ran.",
            s,
            QueueStatus::queue,
            q -> q.totals().recordsLost()));
  }
}
