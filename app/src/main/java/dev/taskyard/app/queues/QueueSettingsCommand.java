package dev.taskyard.app.queues;

import dev.taskyard.app.platform.JsonInput;
import dev.taskyard.core.InvalidInputException;
import dev.taskyard.core.control.BacklogThresholds;
import dev.taskyard.core.control.DeadLetterRetention;
import dev.taskyard.core.control.QueueSettings;
import dev.taskyard.core.control.WorkerScaling;
import java.time.Duration;
import java.util.Set;

/**
 * A change of queue settings, with the field names of {@link QueueSettingsView}: the fields given
 * replace the current values, the others are kept (a new queue starts from the defaults). All are
 * checked together; one bad field refuses the whole change.
 */
public final class QueueSettingsCommand {
  private static final Set<String> FIELDS =
      Set.of(
          "defaultPriority",
          "maxAttempts",
          "backoffBaseMs",
          "backoffCapMs",
          "backoffJitter",
          "timeoutMs",
          "capacity",
          "maxConcurrency",
          "retentionMs",
          "idempotencyTtlMs",
          "rateLimit",
          "thresholds",
          "workers",
          "deadLetters");
  private static final Set<String> THRESHOLDS =
      Set.of("maxQueued", "maxOldestAgeMs", "maxFailureRatio", "failureWindowMs");
  private static final Set<String> DEAD_LETTERS = Set.of("maxAgeMs", "maxCount");
  private static final Set<String> WORKERS =
      Set.of("threads", "minThreads", "maxThreads", "backlogPerThread", "scaleDownCooldownMs");

  private final JsonInput in;

  private QueueSettingsCommand(JsonInput in) {
    this.in = in;
  }

  public static QueueSettingsCommand parse(String body) {
    JsonInput in = JsonInput.parse(body).only(FIELDS);
    if (in.has("thresholds")) {
      in.object("thresholds").only(THRESHOLDS);
    }
    if (in.has("workers")) {
      in.object("workers").only(WORKERS);
    }
    if (in.has("deadLetters")) {
      in.object("deadLetters").only(DEAD_LETTERS);
    }
    return new QueueSettingsCommand(in);
  }

  /**
   * The current settings with this change applied.
   *
   * @throws InvalidInputException naming the field at fault
   */
  public QueueSettings applyTo(QueueSettings current) {
    QueueSettings.Builder b = current.toBuilder();
    in.optionalInt("defaultPriority").ifPresent(b::defaultPriority);
    in.optionalInt("maxAttempts").ifPresent(b::maxAttempts);
    in.optionalLong("backoffBaseMs").map(Duration::ofMillis).ifPresent(b::backoffBase);
    in.optionalLong("backoffCapMs").map(Duration::ofMillis).ifPresent(b::backoffCap);
    in.optionalDouble("backoffJitter").ifPresent(b::backoffJitter);
    in.optionalLong("timeoutMs").map(Duration::ofMillis).ifPresent(b::timeout);
    in.optionalLong("capacity").ifPresent(b::capacity);
    in.optionalInt("maxConcurrency").ifPresent(b::maxConcurrency);
    in.optionalLong("retentionMs").map(Duration::ofMillis).ifPresent(b::retention);
    in.optionalLong("idempotencyTtlMs").map(Duration::ofMillis).ifPresent(b::idempotencyTtl);
    in.optionalDouble("rateLimit").ifPresent(b::rateLimit);
    if (in.has("thresholds")) {
      b.thresholds(thresholds(in.object("thresholds"), current.thresholds()));
    }
    if (in.has("workers")) {
      b.workers(workers(in.object("workers"), current.workers()));
    }
    if (in.has("deadLetters")) {
      b.deadLetters(deadLetters(in.object("deadLetters"), current.deadLetters()));
    }
    return b.build();
  }

  private static BacklogThresholds thresholds(JsonInput t, BacklogThresholds c) {
    return new BacklogThresholds(
        t.optionalLong("maxQueued").orElse(c.maxQueued()),
        millis(t, "maxOldestAgeMs", c.maxOldestAge()),
        t.optionalDouble("maxFailureRatio").orElse(c.maxFailureRatio()),
        millis(t, "failureWindowMs", c.failureWindow()));
  }

  private static DeadLetterRetention deadLetters(JsonInput d, DeadLetterRetention c) {
    return new DeadLetterRetention(
        millis(d, "maxAgeMs", c.maxAge()), d.optionalLong("maxCount").orElse(c.maxCount()));
  }

  private static WorkerScaling workers(JsonInput w, WorkerScaling c) {
    try {
      return new WorkerScaling(
          w.optionalInt("threads").orElse(c.threads()),
          w.optionalInt("minThreads").orElse(c.minThreads()),
          w.optionalInt("maxThreads").orElse(c.maxThreads()),
          w.optionalInt("backlogPerThread").orElse(c.backlogPerThread()),
          millis(w, "scaleDownCooldownMs", c.scaleDownCooldown()));
    } catch (InvalidInputException e) {
      throw e.field().startsWith("workers.") ? e : e.in("workers");
    }
  }

  private static Duration millis(JsonInput in, String name, Duration current) {
    return in.optionalLong(name).map(Duration::ofMillis).orElse(current);
  }
}
