package dev.taskyard.bench;

import dev.taskyard.core.redis.Durability;
import dev.taskyard.core.redis.RedisSettings;
import dev.taskyard.core.redis.RedisTopology;
import java.util.Locale;
import java.util.Optional;

/**
 * The benchmark's settings, parsed from {@code --name value} or {@code --name=value} arguments.
 *
 * @param tasks tasks submitted in phase 1 and processed in phase 2
 * @param workers worker threads of the pool
 * @param batch tasks per {@code submitAll} call in phase 1
 * @param producers threads submitting in phase 1
 * @param payloadBytes size of each task's JSON payload in UTF-8 bytes
 * @param redis the Redis to use; empty = start an embedded redis-server
 * @param warmup tasks run first through phases 1 and 2 on a separate queue, not measured
 * @param rate tasks per second submitted in phase 3
 * @param latencySeconds length of phase 3
 * @param latencyBatch tasks per {@code submitAll} call in phase 3
 * @param eventsTasks tasks per round of the live-events phase (phase 4); 0 skips it
 * @param encrypt whether payloads and results are sealed (encryption at rest), with a key made for
 *     the run
 */
public record BenchmarkOptions(
    int tasks,
    int workers,
    int batch,
    int producers,
    int payloadBytes,
    Optional<RedisTopology> redis,
    int warmup,
    int rate,
    int latencySeconds,
    int latencyBatch,
    int eventsTasks,
    boolean encrypt) {

  /** Smallest payload: the JSON {@code {"p":""}}. */
  static final int MIN_PAYLOAD_BYTES = 8;

  static final String USAGE =
      """
      Usage: java -jar bench/target/taskyard-bench.jar [options]

        --tasks N             tasks submitted (phase 1) and processed (phase 2)    [200000]
        --workers C           worker threads of the pool                            [50]
        --batch B             tasks per submitAll call in phase 1                   [1000]
        --producers P         threads submitting in phase 1                         [2]
        --payload-bytes S     size of each task's JSON payload, at least 8          [20]
        --redis URL           Redis to use, redis://host:port; default: the Redis the
                              TASKYARD_REDIS_* variables name (a server, Sentinel or
                              Cluster, as for the application), else an embedded
                              redis-server on a free loopback port
        --warmup N            tasks run first on a separate queue, not measured     [20000]
        --rate R              tasks/s submitted in the latency phase (phase 3)      [5000]
        --latency-seconds S   length of phase 3                                     [5]
        --latency-batch K     tasks per submitAll call in phase 3                   [10]
        --events-tasks N      tasks per round of the live-events phase (phase 4),
                              0 skips it                                            [100000]
        --encrypt on|off      seal payloads and results (AES-256-GCM), a key per run [off]
        --help                this text
      """;

  public BenchmarkOptions {
    positive("tasks", tasks);
    positive("workers", workers);
    positive("batch", batch);
    positive("producers", producers);
    if (payloadBytes < MIN_PAYLOAD_BYTES) {
      throw new IllegalArgumentException(
          "--payload-bytes must be at least " + MIN_PAYLOAD_BYTES + ", was " + payloadBytes);
    }
    if (warmup < 0) {
      throw new IllegalArgumentException("--warmup must be 0 or more, was " + warmup);
    }
    positive("rate", rate);
    if (latencySeconds < 0) {
      throw new IllegalArgumentException(
          "--latency-seconds must be 0 (no latency phase) or more, was " + latencySeconds);
    }
    positive("latency-batch", latencyBatch);
    if (eventsTasks < 0) {
      throw new IllegalArgumentException(
          "--events-tasks must be 0 (no live-events phase) or more, was " + eventsTasks);
    }
  }

  public static BenchmarkOptions defaults() {
    return new BenchmarkOptions(
        200_000, 50, 1000, 2, 20, envTopology(), 20_000, 5000, 5, 10, 100_000, false);
  }

  /**
   * @throws IllegalArgumentException on an unknown option or a bad value
   * @throws HelpRequested for {@code --help}
   */
  public static BenchmarkOptions parse(String... args) {
    BenchmarkOptions d = defaults();
    int tasks = d.tasks;
    int workers = d.workers;
    int batch = d.batch;
    int producers = d.producers;
    int payloadBytes = d.payloadBytes;
    Optional<RedisTopology> redis = d.redis;
    int warmup = d.warmup;
    int rate = d.rate;
    int latencySeconds = d.latencySeconds;
    int latencyBatch = d.latencyBatch;
    int eventsTasks = d.eventsTasks;
    boolean encrypt = d.encrypt;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--help") || arg.equals("-h")) {
        throw new HelpRequested();
      }
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("Unexpected argument '" + arg + "'");
      }
      String name;
      String value;
      int eq = arg.indexOf('=');
      if (eq > 0) {
        name = arg.substring(2, eq);
        value = arg.substring(eq + 1);
      } else {
        name = arg.substring(2);
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("--" + name + " needs a value");
        }
        value = args[++i];
      }
      switch (name) {
        case "tasks" -> tasks = number(name, value);
        case "workers" -> workers = number(name, value);
        case "batch" -> batch = number(name, value);
        case "producers" -> producers = number(name, value);
        case "payload-bytes" -> payloadBytes = number(name, value);
        case "redis" -> redis = value.isBlank() ? Optional.empty() : Optional.of(url(value));
        case "warmup" -> warmup = number(name, value);
        case "rate" -> rate = number(name, value);
        case "latency-seconds" -> latencySeconds = number(name, value);
        case "latency-batch" -> latencyBatch = number(name, value);
        case "events-tasks" -> eventsTasks = number(name, value);
        case "encrypt" -> encrypt = onOff(name, value);
        default -> throw new IllegalArgumentException("Unknown option --" + name);
      }
    }
    return new BenchmarkOptions(
        tasks,
        workers,
        batch,
        producers,
        payloadBytes,
        redis,
        warmup,
        rate,
        latencySeconds,
        latencyBatch,
        eventsTasks,
        encrypt);
  }

  /** A JSON payload of exactly {@link #payloadBytes} bytes. */
  public String payload() {
    return "{\"p\":\"" + "x".repeat(payloadBytes - MIN_PAYLOAD_BYTES) + "\"}";
  }

  /** The Redis that {@code TASKYARD_REDIS_*} name, if any. */
  static Optional<RedisTopology> envTopology() {
    RedisSettings env = RedisSettings.environment(System.getenv());
    return env.choosesTopology() ? Optional.of(RedisTopology.parse(env)) : Optional.empty();
  }

  /**
   * What submits' acknowledgements mean, from {@code TASKYARD_REDIS_DURABILITY} and {@code
   * TASKYARD_REDIS_REPLICATION_TIMEOUT_MS} as for the application; {@code async} when neither is
   * set.
   */
  static Durability envDurability() {
    RedisSettings env = RedisSettings.environment(System.getenv());
    boolean set =
        env.get(RedisTopology.DURABILITY).isPresent()
            || env.get(RedisTopology.REPLICATION_TIMEOUT_MS).isPresent();
    return set ? RedisTopology.durability(env) : Durability.ASYNC;
  }

  private static RedisTopology url(String value) {
    return RedisTopology.parse(
        new RedisSettings() {
          @Override
          public Optional<String> get(String name) {
            return name.equals(RedisTopology.URL) ? Optional.of(value.trim()) : Optional.empty();
          }

          @Override
          public String label(String name) {
            return "--redis";
          }
        });
  }

  private static int number(String name, String value) {
    try {
      return Integer.parseInt(value.replace("_", "").replace(",", "").trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "--%s needs a whole number, was '%s'", name, value));
    }
  }

  private static boolean onOff(String name, String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "on", "true", "yes" -> true;
      case "off", "false", "no" -> false;
      default ->
          throw new IllegalArgumentException(
              String.format(Locale.ROOT, "--%s needs on or off, was '%s'", name, value));
    };
  }

  private static void positive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException("--" + name + " must be at least 1, was " + value);
    }
  }

  /** {@code --help} was given: print {@link #USAGE} and stop. */
  public static final class HelpRequested extends RuntimeException {
    private static final long serialVersionUID = 1L;

    HelpRequested() {
      super("help", null, false, false);
    }
  }
}
