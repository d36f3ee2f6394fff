package dev.taskyard.app.queues;

import dev.taskyard.core.control.BacklogThresholds;
import dev.taskyard.core.control.DeadLetterRetention;
import dev.taskyard.core.control.QueueSettings;
import dev.taskyard.core.control.WorkerScaling;

/** A queue's settings as the REST API shows and takes them; durations in milliseconds. */
public record QueueSettingsView(
    int defaultPriority,
    int maxAttempts,
    long backoffBaseMs,
    long backoffCapMs,
    double backoffJitter,
    long timeoutMs,
    long capacity,
    int maxConcurrency,
    long retentionMs,
    long idempotencyTtlMs,
    double rateLimit,
    Thresholds thresholds,
    Workers workers,
    DeadLetters deadLetters) {

  /** See {@link BacklogThresholds}; 0 = no limit. */
  public record Thresholds(
      long maxQueued, long maxOldestAgeMs, double maxFailureRatio, long failureWindowMs) {}

  /** See {@link WorkerScaling}. */
  public record Workers(
      int threads,
      int minThreads,
      int maxThreads,
      int backlogPerThread,
      long scaleDownCooldownMs) {}

  /** See {@link DeadLetterRetention}; maxCount 0 = no limit by count. */
  public record DeadLetters(long maxAgeMs, long maxCount) {}

  static QueueSettingsView of(QueueSettings s) {
    BacklogThresholds t = s.thresholds();
    WorkerScaling w = s.workers();
    return new QueueSettingsView(
        s.defaultPriority(),
        s.maxAttempts(),
        s.backoffBase().toMillis(),
        s.backoffCap().toMillis(),
        s.backoffJitter(),
        s.timeout().toMillis(),
        s.capacity(),
        s.maxConcurrency(),
        s.retention().toMillis(),
        s.idempotencyTtl().toMillis(),
        s.rateLimit(),
        new Thresholds(
            t.maxQueued(),
            t.maxOldestAge().toMillis(),
            t.maxFailureRatio(),
            t.failureWindow().toMillis()),
        new Workers(
            w.threads(),
            w.minThreads(),
            w.maxThreads(),
            w.backlogPerThread(),
            w.scaleDownCooldown().toMillis()),
        new DeadLetters(s.deadLetters().maxAge().toMillis(), s.deadLetters().maxCount()));
  }
}
