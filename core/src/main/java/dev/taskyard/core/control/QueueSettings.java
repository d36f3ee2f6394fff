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
 * @param rateLimit most tasks started per second across all nodes; 0 = unlimited
 * @param thresholds the backlog limits that alerts and health checks compare against
 * @param workers how many threads each worker node runs for the queue, and autoscaling
 * @param deadLetters how long and how many dead letters are kept
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
    double rateLimit,
    BacklogThresholds thresholds,
    WorkerScaling workers,
    DeadLetterRetention deadLetters) {

  public static final int MAX_ATTEMPTS_LIMIT = 1000;
  public static final double MAX_RATE = 1_000_000;
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
        0,
        BacklogThresholds.NONE,
        WorkerScaling.defaults(),
        DeadLetterRetention.DEFAULT);
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
    if (!(rateLimit >= 0 && rateLimit <= MAX_RATE)) {
      throw new InvalidInputException(
          "rateLimit", "must be 0 (unlimited) to " + MAX_RATE + " per second");
    }
    if (workers == null) {
      throw new InvalidInputException("workers", "must be given");
    }
    if (thresholds == null) {
      throw new InvalidInputException(
          "thresholds", "are required (BacklogThresholds.NONE for none)");
    }
    if (deadLetters == null) {
      throw new InvalidInputException("deadLetters", "must be given");
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
    return toBuilder().defaultPriority(value).build();
  }

  public QueueSettings withMaxAttempts(int value) {
    return toBuilder().maxAttempts(value).build();
  }

  public QueueSettings withBackoff(Duration base, Duration cap, double jitter) {
    return toBuilder().backoffBase(base).backoffCap(cap).backoffJitter(jitter).build();
  }

  public QueueSettings withTimeout(Duration value) {
    return toBuilder().timeout(value).build();
  }

  public QueueSettings withCapacity(long value) {
    return toBuilder().capacity(value).build();
  }

  public QueueSettings withMaxConcurrency(int value) {
    return toBuilder().maxConcurrency(value).build();
  }

  public QueueSettings withRetention(Duration value) {
    return toBuilder().retention(value).build();
  }

  public QueueSettings withIdempotencyTtl(Duration value) {
    return toBuilder().idempotencyTtl(value).build();
  }

  public QueueSettings withRateLimit(double perSecond) {
    return toBuilder().rateLimit(perSecond).build();
  }

  public QueueSettings withThresholds(BacklogThresholds value) {
    return toBuilder().thresholds(value).build();
  }

  public QueueSettings withWorkers(WorkerScaling value) {
    return toBuilder().workers(value).build();
  }

  public QueueSettings withDeadLetters(DeadLetterRetention value) {
    return toBuilder().deadLetters(value).build();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Changes several settings at once; {@link #build()} validates them together. */
  public static final class Builder {
    private int defaultPriority;
    private int maxAttempts;
    private Duration backoffBase;
    private Duration backoffCap;
    private double backoffJitter;
    private Duration timeout;
    private long capacity;
    private int maxConcurrency;
    private Duration retention;
    private Duration idempotencyTtl;
    private double rateLimit;
    private BacklogThresholds thresholds;
    private WorkerScaling workers;
    private DeadLetterRetention deadLetters;

    private Builder(QueueSettings s) {
      defaultPriority = s.defaultPriority;
      maxAttempts = s.maxAttempts;
      backoffBase = s.backoffBase;
      backoffCap = s.backoffCap;
      backoffJitter = s.backoffJitter;
      timeout = s.timeout;
      capacity = s.capacity;
      maxConcurrency = s.maxConcurrency;
      retention = s.retention;
      idempotencyTtl = s.idempotencyTtl;
      rateLimit = s.rateLimit;
      thresholds = s.thresholds;
      workers = s.workers;
      deadLetters = s.deadLetters;
    }

    public Builder defaultPriority(int v) {
      defaultPriority = v;
      return this;
    }

    public Builder maxAttempts(int v) {
      maxAttempts = v;
      return this;
    }

    public Builder backoffBase(Duration v) {
      backoffBase = v;
      return this;
    }

    public Builder backoffCap(Duration v) {
      backoffCap = v;
      return this;
    }

    public Builder backoffJitter(double v) {
      backoffJitter = v;
      return this;
    }

    public Builder timeout(Duration v) {
      timeout = v;
      return this;
    }

    public Builder capacity(long v) {
      capacity = v;
      return this;
    }

    public Builder maxConcurrency(int v) {
      maxConcurrency = v;
      return this;
    }

    public Builder retention(Duration v) {
      retention = v;
      return this;
    }

    public Builder idempotencyTtl(Duration v) {
      idempotencyTtl = v;
      return this;
    }

    public Builder rateLimit(double v) {
      rateLimit = v;
      return this;
    }

    public Builder thresholds(BacklogThresholds v) {
      thresholds = v;
      return this;
    }

    public Builder workers(WorkerScaling v) {
      workers = v;
      return this;
    }

    public Builder deadLetters(DeadLetterRetention v) {
      deadLetters = v;
      return this;
    }

    public QueueSettings build() {
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
          rateLimit,
          thresholds,
          workers,
          deadLetters);
    }
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
    h.put("rateLimit", Double.toString(rateLimit));
    h.putAll(thresholds.toHash());
    h.putAll(workers.toHash());
    h.putAll(deadLetters.toHash());
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
        Double.parseDouble(h.getOrDefault("rateLimit", "0")),
        BacklogThresholds.fromHash(h),
        WorkerScaling.fromHash(h),
        DeadLetterRetention.fromHash(h));
  }
}
