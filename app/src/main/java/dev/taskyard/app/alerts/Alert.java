package dev.taskyard.app.alerts;

import java.time.Instant;

/**
 * A queue alert as stored and shown: open while {@code resolvedAt} is null.
 *
 * @param value the last measured value, updated while the alert stays open
 * @param acknowledgedBy who acknowledged it, null until someone does
 */
public record Alert(
    long id,
    String queue,
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
}
