package dev.taskyard.core.control;

import dev.taskyard.core.InvalidInputException;
import dev.taskyard.core.task.TaskPriority;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A queue's settings, stored in Redis so every node sees a change at once.
 *
 * @param defaultPriority priority of tasks submitted without one
 * @param maxAttempts attempts of tasks submitted without a limit of their own
 * @param backoffBase delay before the first retry; doubles with each further attempt
 * @param backoffCap the longest retry delay
 * @param backoffJitter share of the delay drawn at random (0 = exact, 0.5 = 50-100% of it)
 * @param timeout lease length of tasks submitted without one: a worker silent this long has lost
 *     the task
 * @param capacity most tasks queued or scheduled at once; 0 = unlimited
 * @param maxConcurrency most tasks running at once across all nodes; 0 = unlimited
 * @param retention how long succeeded tasks are kept
 * @param idempotencyTtl how long an idempotency key maps to its task
 * @param workers how many threads each worker node runs for the queue, and autoscaling
 */
public record QueueSettings(
    int defaultPriority,
    int maxAttempts,
    Duration backoffBase,
    Duration backoffCap,
    double backoffJitter,
    Duration timeout,
    long capacity,
    int maxConcurrency,
    Duration retention,
    Duration idempotencyTtl,
    WorkerScaling workers) {

  public static final int MAX_ATTEMPTS_LIMIT = 1000;
  public static final Duration MIN_TIMEOUT = Duration.ofSeconds(1);

  /** The longest duration any setting or task accepts (about ten years). */
  public static final Duration MAX_DURATION = Duration.ofDays(3650);

  public static QueueSettings defaults() {
    return new QueueSettings(
        0,
        3,
        Duration.ofSeconds(1),
        Duration.ofMinutes(5),
        0.5,
        Duration.ofSeconds(30),
        0,
        0,
        Duration.ofDays(1),
        Duration.ofDays(1),
        WorkerScaling.defaults());
  }

  public QueueSettings {
    if (defaultPriority < TaskPriority.MIN || defaultPriority > TaskPriority.MAX) {
      throw new InvalidInputException(
          "defaultPriority", "must be " + TaskPriority.MIN + "-" + TaskPriority.MAX);
    }
    checkAttempts("maxAttempts", maxAttempts);
    checkDuration("backoffBase", backoffBase, Duration.ZERO);
    checkDuration("backoffCap", backoffCap, backoffBase);
    if (!(backoffJitter >= 0 && backoffJitter <= 1)) {
      throw new InvalidInputException("backoffJitter", "must be between 0 and 1");
    }
    checkTimeout("timeout", timeout);
    if (capacity < 0) {
      throw new InvalidInputException("capacity", "must be 0 (unlimited) or more");
    }
    if (maxConcurrency < 0) {
      throw new InvalidInputException("maxConcurrency", "must be 0 (unlimited) or more");
    }
    checkDuration("retention", retention, Duration.ZERO);
    checkDuration("idempotencyTtl", idempotencyTtl, Duration.ofMillis(1));
    if (workers == null) {
      throw new InvalidInputException("workers", "must be given");
    }
  }

  static void checkAttempts(String field, int attempts) {
    if (attempts < 1 || attempts > MAX_ATTEMPTS_LIMIT) {
      throw new InvalidInputException(field, "must be 1-" + MAX_ATTEMPTS_LIMIT);
    }
  }

  public static void checkTimeout(String field, Duration timeout) {
    checkDuration(field, timeout, MIN_TIMEOUT);
  }

  private static String describe(Duration d) {
    return d.abs().compareTo(MAX_DURATION) <= 0 ? d.toMillis() + " ms" : d.toString();
  }

  /** Checks {@code min <= value <= MAX_DURATION}. */
  public static void checkDuration(String field, Duration value, Duration min) {
    if (value == null || value.compareTo(min) < 0 || value.compareTo(MAX_DURATION) > 0) {
      throw new InvalidInputException(
          field,
          "must be from "
              + min.toMillis()
              + " ms to "
              + MAX_DURATION.toDays()
              + " days, was "
              + (value == null ? "null" : describe(value)));
    }
  }

  public QueueSettings withDefaultPriority(int value) {
    return new QueueSettings(
        value,
        maxAttempts,
        backoffBase,
        backoffCap,
        backoffJitter,
        timeout,
        capacity,
        maxConcurrency,
        retention,
        idempotencyTtl,
        workers);
  }

  public QueueSettings withMaxAttempts(int value) {
    return new QueueSettings(
        defaultPriority,
        value,
        backoffBase,
        backoffCap,
        backoffJitter,
        timeout,
        capacity,
        maxConcurrency,
        retention,
        idempotencyTtl,
        workers);
  }

  public QueueSettings withBackoff(Duration base, Duration cap, double jitter) {
    return new QueueSettings(
        defaultPriority,
        maxAttempts,
        base,
        cap,
        jitter,
        timeout,
        capacity,
        maxConcurrency,
        retention,
        idempotencyTtl,
        workers);
  }

  public QueueSettings withTimeout(Duration value) {
    return new QueueSettings(
        defaultPriority,
        maxAttempts,
        backoffBase,
        backoffCap,
        backoffJitter,
        value,
        capacity,
        maxConcurrency,
        retention,
        idempotencyTtl,
        workers);
  }

  public QueueSettings withCapacity(long value) {
    return new QueueSettings(
        defaultPriority,
        maxAttempts,
        backoffBase,
        backoffCap,
        backoffJitter,
        timeout,
        value,
        maxConcurrency,
        retention,
        idempotencyTtl,
        workers);
  }

  public QueueSettings withMaxConcurrency(int value) {
    return new QueueSettings(
        defaultPriority,
        maxAttempts,
        backoffBase,
        backoffCap,
        backoffJitter,
        timeout,
        capacity,
        value,
        retention,
        idempotencyTtl,
        workers);
  }

  public QueueSettings withRetention(Duration value) {
    return new QueueSettings(
        defaultPriority,
        maxAttempts,
        backoffBase,
        backoffCap,
        backoffJitter,
        timeout,
        capacity,
        maxConcurrency,
        value,
        idempotencyTtl,
        workers);
  }

  public QueueSettings withIdempotencyTtl(Duration value) {
    return new QueueSettings(
        defaultPriority,
        maxAttempts,
        backoffBase,
        backoffCap,
        backoffJitter,
        timeout,
        capacity,
        maxConcurrency,
        retention,
        value,
        workers);
  }

  public QueueSettings withWorkers(WorkerScaling value) {
    return new QueueSettings(
        defaultPriority,
        maxAttempts,
        backoffBase,
        backoffCap,
        backoffJitter,
        timeout,
        capacity,
        maxConcurrency,
        retention,
        idempotencyTtl,
        value);
  }

  /** The fields of the config hash (the names the scripts read). */
  Map<String, String> toHash() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("defaultPriority", Integer.toString(defaultPriority));
    h.put("maxAttempts", Integer.toString(maxAttempts));
    h.put("backoffBaseMs", Long.toString(backoffBase.toMillis()));
    h.put("backoffCapMs", Long.toString(backoffCap.toMillis()));
    h.put("backoffJitter", Double.toString(backoffJitter));
    h.put("timeoutMs", Long.toString(timeout.toMillis()));
    h.put("capacity", Long.toString(capacity));
    h.put("maxConcurrency", Integer.toString(maxConcurrency));
    h.put("retentionMs", Long.toString(retention.toMillis()));
    h.put("idempotencyTtlMs", Long.toString(idempotencyTtl.toMillis()));
    h.putAll(workers.toHash());
    return h;
  }

  static QueueSettings fromHash(Map<String, String> h) {
    return new QueueSettings(
        Integer.parseInt(h.get("defaultPriority")),
        Integer.parseInt(h.get("maxAttempts")),
        Duration.ofMillis(Long.parseLong(h.get("backoffBaseMs"))),
        Duration.ofMillis(Long.parseLong(h.get("backoffCapMs"))),
        Double.parseDouble(h.get("backoffJitter")),
        Duration.ofMillis(Long.parseLong(h.get("timeoutMs"))),
        Long.parseLong(h.get("capacity")),
        Integer.parseInt(h.get("maxConcurrency")),
        Duration.ofMillis(Long.parseLong(h.get("retentionMs"))),
        Duration.ofMillis(Long.parseLong(h.get("idempotencyTtlMs"))),
        WorkerScaling.fromHash(h));
  }
}
