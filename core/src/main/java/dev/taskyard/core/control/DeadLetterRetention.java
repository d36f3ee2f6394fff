package dev.taskyard.core.control;

import dev.taskyard.core.InvalidInputException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How long a queue keeps its dead letters (tasks that ended FAILED or EXPIRED) in Redis, where they
 * can be inspected and replayed; the history in PostgreSQL keeps them on its own terms. The oldest
 * go first, once past {@code maxAge} or beyond {@code maxCount}: without a bound, a handler that
 * fails for days fills Redis.
 *
 * @param maxAge longest a dead letter is kept
 * @param maxCount most dead letters kept; 0 = no limit by count
 */
public record DeadLetterRetention(Duration maxAge, long maxCount) {
  private static final String MAX_AGE = "deadMaxAgeMs";
  private static final String MAX_COUNT = "deadMaxCount";

  public static final DeadLetterRetention DEFAULT =
      new DeadLetterRetention(Duration.ofDays(7), 100_000);

  public DeadLetterRetention {
    QueueSettings.checkDuration("deadLetters.maxAge", maxAge, Duration.ZERO);
    if (maxCount < 0) {
      throw new InvalidInputException("deadLetters.maxCount", "must be 0 (no limit) or more");
    }
  }

  Map<String, String> toHash() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put(MAX_AGE, Long.toString(maxAge.toMillis()));
    h.put(MAX_COUNT, Long.toString(maxCount));
    return h;
  }

  /** Reads the retention from a config hash; a queue created before it existed has the default. */
  static DeadLetterRetention fromHash(Map<String, String> h) {
    if (!h.containsKey(MAX_AGE)) {
      return DEFAULT;
    }
    return new DeadLetterRetention(
        Duration.ofMillis(Long.parseLong(h.get(MAX_AGE))), Long.parseLong(h.get(MAX_COUNT)));
  }
}
