package dev.taskyard.app.alerts;

/**
 * What an alert is about (a queue's condition, or a worker node's), how urgent it is, and the
 * setting it is judged against.
 */
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
  ARCHIVE_LAG(Severity.WARNING, "maxLagSeconds"),
  /**
   * A worker node stopped beating and is listed as lost. Critical when it left a queue with tasks
   * queued and no worker: that queue's {@link #NO_WORKERS} is then not raised as well.
   */
  WORKER_LOST(Severity.WARNING, "heartbeat"),
  /**
   * Tasks of the queue were dead-lettered since the last such alert was acknowledged; one per
   * queue, whose count grows. Acknowledging resolves it; so does the queue holding no dead letters.
   */
  DEAD_LETTERED(Severity.WARNING, "deadLetters");

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
    return switch (this) {
      case BACKLOG, OLDEST_AGE, FAILURE_RATIO, SUBMIT_BREAKER_OPEN -> true;
      case NO_WORKERS, ARCHIVE_LAG, WORKER_LOST, DEAD_LETTERED -> false;
    };
  }

  /** Whether acknowledging an alert of this kind resolves it: it reports news, not a state. */
  public boolean resolvedByAcknowledging() {
    return this == DEAD_LETTERED;
  }
}
