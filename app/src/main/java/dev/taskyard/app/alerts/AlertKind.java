package dev.taskyard.app.alerts;

/** What a queue alert is about, and how urgent it is. */
public enum AlertKind {
  /** More tasks queued than the queue's {@code maxQueued}. */
  BACKLOG(Severity.WARNING),
  /** The oldest queued task has waited longer than {@code maxOldestAge}. */
  OLDEST_AGE(Severity.WARNING),
  /** Failed attempts over the window exceed {@code maxFailureRatio} of finished ones. */
  FAILURE_RATIO(Severity.CRITICAL),
  /** Tasks are queued and no live worker serves the queue: nothing will run them. */
  NO_WORKERS(Severity.CRITICAL);

  /** How soon someone must act. */
  public enum Severity {
    WARNING,
    CRITICAL
  }

  private final Severity severity;

  AlertKind(Severity severity) {
    this.severity = severity;
  }

  public Severity severity() {
    return severity;
  }
}
