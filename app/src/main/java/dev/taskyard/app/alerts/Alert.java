package dev.taskyard.app.alerts;

import java.time.Instant;

/**
 * An alert as stored and shown: open while {@code resolvedAt} is null.
 *
 * @param queue the queue it concerns; null for a worker node's alert
 * @param node the worker node it concerns ({@link AlertKind#WORKER_LOST}); null for a queue's
 * @param value the last measured value, updated while the alert stays open
 * @param acknowledgedBy who acknowledged it, null until someone does
 */
public record Alert(
    long id,
    String queue,
    String node,
    AlertKind kind,
    AlertKind.Severity severity,
    double value,
    double threshold,
    String message,
    Instant raisedAt,
    Instant updatedAt,
    Instant resolvedAt,
    String acknowledgedBy,
    Instant acknowledgedAt) {

  public boolean open() {
    return resolvedAt == null;
  }

  /** What it concerns: its queue, or its node. */
  public String subject() {
    return queue != null ? queue : node;
  }
}
