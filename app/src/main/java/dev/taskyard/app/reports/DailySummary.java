package dev.taskyard.app.reports;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One day of every queue, for people: the daily report, sent to Slack and by mail, and {@code GET
 * /api/reports/daily}.
 *
 * @param zone the time zone the day is in ({@code taskyard.reports.zone})
 * @param from the day's first instant
 * @param to the next day's first instant
 * @param queues the queues with metrics in the day, by name
 * @param nodeAlerts the worker nodes' alerts raised in the day (not of one queue), oldest first
 */
public record DailySummary(
    LocalDate day,
    String zone,
    Instant from,
    Instant to,
    List<QueueDay> queues,
    List<RaisedAlert> nodeAlerts) {

  /**
   * One queue's day.
   *
   * @param succeeded attempts that succeeded
   * @param failed attempts that failed (then retried or dead-lettered)
   * @param deadLettered tasks that ended in the dead letters
   * @param p95DurationMs 95th percentile of the attempts' durations; null when none finished
   * @param mostQueued the longest backlog a sample read in the day
   * @param queuedNow the backlog when the report was made; null for a queue that no longer exists
   * @param alerts the queue's alerts raised in the day, oldest first
   */
  public record QueueDay(
      String queue,
      long succeeded,
      long failed,
      long deadLettered,
      Double p95DurationMs,
      long mostQueued,
      Long queuedNow,
      List<RaisedAlert> alerts) {}

  /** An alert raised in the day: its kind, what it concerns, when, and its message. */
  public record RaisedAlert(String kind, String subject, Instant raisedAt, String message) {}

  public long succeeded() {
    return queues.stream().mapToLong(QueueDay::succeeded).sum();
  }

  public long failed() {
    return queues.stream().mapToLong(QueueDay::failed).sum();
  }

  public long deadLettered() {
    return queues.stream().mapToLong(QueueDay::deadLettered).sum();
  }

  public int alerts() {
    return nodeAlerts.size() + queues.stream().mapToInt(q -> q.alerts().size()).sum();
  }
}
