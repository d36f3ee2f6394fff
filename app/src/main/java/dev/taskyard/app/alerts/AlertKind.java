package dev.taskyard.app.alerts;

/** What a queue alert is about, how urgent it is, and the setting it is judged against. */
public enum AlertKind {
  /** More tasks queued than the queue's {@code maxQueued}. */
  BACKLOG(Severity.WARNING, "maxQueued"),
  /** The oldest queued task has waited longer than {@code maxOldestAge}. */
  OLDEST_AGE(Severity.WARNING, "maxOldestAge"),
  /** Failed attempts over the window exceed {@code maxFailureRatio} of finished ones. */
  FAILURE_RATIO(Severity.CRITICAL, "maxFailureRatio"),
  /** The queue overflowed its capacity so often that submits to it are refused at once. */
  SUBMIT_BREAKER_OPEN(Severity.CRITICAL, "submitBreaker"),
  /** Tasks are queued and no live worker serves the queue: nothing will run them. */
  NO_WORKERS(Severity.CRITICAL, "workers"),
  /**
   * The queue's history lags: its oldest event not yet in PostgreSQL is older than {@code
   * taskyard.archive.max-lag-seconds}, or its stream holds so many that the oldest will be dropped
   * from history if it keeps growing.
   */
  ARCHIVE_LAG(Severity.WARNING, "maxLagSeconds");

  /** How soon someone must act. */
  public enum Severity {
    WARNING,
    CRITICAL
  }

  private final Severity severity;
  private final String limit;

  AlertKind(Severity severity, String limit) {
    this.severity = severity;
    this.limit = limit;
  }

  public Severity severity() {
    return severity;
  }

  /** The name of the threshold or breaker this kind is judged against, as health data shows it. */
  public String limit() {
    return limit;
  }

  /** Whether the kind judges one of the queue's own thresholds or breakers (backlog health). */
  public boolean isBacklog() {
    return this != NO_WORKERS && this != ARCHIVE_LAG;
  }
}
