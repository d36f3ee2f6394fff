package dev.taskyard.core.enqueue;

import dev.taskyard.core.ControlCharacters;
import dev.taskyard.core.InvalidInputException;
import dev.taskyard.core.control.QueueSettings;
import dev.taskyard.core.task.TaskPriority;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/** Refuses bad task requests with the field at fault, before anything is written. */
final class TaskRequestValidator {
  private static final Pattern TYPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,199}");
  private static final int MAX_KEY_LENGTH = 200;
  static final int MAX_PARENTS = 100;

  /** Queue order keeps times below 2^42 ms (year 2109). */
  static final Instant LATEST_RUN_AT = Instant.parse("2100-01-01T00:00:00Z");

  private final int maxPayloadBytes;

  TaskRequestValidator(int maxPayloadBytes) {
    this.maxPayloadBytes = maxPayloadBytes;
  }

  void check(TaskRequest r) {
    if (r == null) {
      throw new InvalidInputException("task", "is required");
    }
    if (r.type() == null || !TYPE.matcher(r.type()).matches()) {
      throw new InvalidInputException(
          "type",
          "must be 1-200 letters, digits, '.', '_', ':', '/' or '-', starting with a letter or"
              + " digit");
    }
    JsonText.check("payload", r.payload(), maxPayloadBytes);
    r.priority()
        .filter(p -> p < TaskPriority.MIN || p > TaskPriority.MAX)
        .ifPresent(
            p -> {
              throw new InvalidInputException(
                  "priority",
                  "must be " + TaskPriority.MIN + "-" + TaskPriority.MAX + ", was " + p);
            });
    if (r.runAt().isPresent() && r.delay().isPresent()) {
      throw new InvalidInputException("runAt", "give either runAt or delay, not both");
    }
    r.delay().ifPresent(d -> QueueSettings.checkDuration("delay", d, Duration.ZERO));
    r.runAt()
        .filter(at -> !at.isBefore(LATEST_RUN_AT))
        .ifPresent(
            at -> {
              throw new InvalidInputException("runAt", "must be before " + LATEST_RUN_AT);
            });
    r.maxAttempts()
        .filter(a -> a < 1 || a > QueueSettings.MAX_ATTEMPTS_LIMIT)
        .ifPresent(
            a -> {
              throw new InvalidInputException(
                  "maxAttempts", "must be 1-" + QueueSettings.MAX_ATTEMPTS_LIMIT + ", was " + a);
            });
    r.timeout().ifPresent(t -> QueueSettings.checkTimeout("timeout", t));
    if (r.dependsOn() == null || r.dependsOn().size() > MAX_PARENTS) {
      throw new InvalidInputException("dependsOn", "must name at most " + MAX_PARENTS + " parents");
    }
    if (r.dependsOn().stream().distinct().count() < r.dependsOn().size()) {
      throw new InvalidInputException("dependsOn", "names a parent twice");
    }
    if (r.onParentFailure() == null) {
      throw new InvalidInputException("onParentFailure", "is required");
    }
    checkKey("idempotencyKey", r.idempotencyKey().orElse(null));
    checkKey("correlationId", r.correlationId().orElse(null));
  }

  private static void checkKey(String field, String value) {
    if (value != null && (value.isBlank() || value.length() > MAX_KEY_LENGTH)) {
      throw new InvalidInputException(
          field, "must be 1-" + MAX_KEY_LENGTH + " characters, not blank");
    }
    ControlCharacters.refuse(field, value);
  }
}
