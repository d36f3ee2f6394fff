package dev.taskyard.core.control;

import dev.taskyard.core.InvalidInputException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * How many threads each worker node runs for a queue: part of the queue's settings. Every pool
 * re-reads it on each heartbeat and when told of a change, so running pools resize within a second.
 *
 * <p>With autoscaling on ({@code maxThreads > 0}), each node sizes itself between {@code
 * minThreads} and {@code maxThreads} from the queue's backlog and {@code threads} is not used: it
 * grows at once to {@code max(busy threads, ceil(queued / backlogPerThread))}, and shrinks only
 * after that demand has stayed below its thread count for a whole {@code scaleDownCooldown}, to the
 * highest demand seen meanwhile.
 *
 * @param threads threads per node; 0 = each pool's own count (as given to {@code queue(name, n)})
 * @param minThreads the fewest threads per node while autoscaling
 * @param maxThreads the most threads per node while autoscaling; 0 = autoscaling off
 * @param backlogPerThread queued tasks per thread above which a node grows
 * @param scaleDownCooldown how long demand must stay below a node's thread count before it shrinks
 */
public record WorkerScaling(
    int threads, int minThreads, int maxThreads, int backlogPerThread, Duration scaleDownCooldown) {

  public static final int MAX_THREADS = 10_000;

  static final String THREADS = "workerThreads";
  private static final String MIN = "workerMinThreads";
  private static final String MAX = "workerMaxThreads";
  private static final String BACKLOG = "workerBacklogPerThread";
  private static final String COOLDOWN = "workerScaleDownCooldownMs";

  /** The fields of the config hash that hold these settings. */
  public static final List<String> FIELDS = List.of(THREADS, MIN, MAX, BACKLOG, COOLDOWN);

  public static WorkerScaling defaults() {
    return new WorkerScaling(0, 1, 0, 10, Duration.ofSeconds(30));
  }

  public WorkerScaling {
    checkThreads("threads", threads, 0);
    checkThreads("minThreads", minThreads, 1);
    checkThreads("maxThreads", maxThreads, 0);
    if (maxThreads > 0 && minThreads > maxThreads) {
      throw new InvalidInputException(
          "minThreads", "must be at most maxThreads (" + maxThreads + ")");
    }
    if (backlogPerThread < 1) {
      throw new InvalidInputException("backlogPerThread", "must be at least 1");
    }
    QueueSettings.checkDuration("scaleDownCooldown", scaleDownCooldown, Duration.ZERO);
  }

  /** Checks {@code min <= value <= MAX_THREADS}. */
  public static void checkThreads(String field, int value, int min) {
    if (value < min || value > MAX_THREADS) {
      throw new InvalidInputException(
          field, "must be " + min + "-" + MAX_THREADS + ", was " + value);
    }
  }

  public boolean autoscaling() {
    return maxThreads > 0;
  }

  public WorkerScaling withThreads(int value) {
    return new WorkerScaling(value, minThreads, maxThreads, backlogPerThread, scaleDownCooldown);
  }

  /** Autoscaling between {@code min} and {@code max} threads per node; see the class comment. */
  public WorkerScaling withAutoscaling(int min, int max, int backlogPerThread, Duration cooldown) {
    if (max < 1) {
      throw new InvalidInputException("maxThreads", "must be at least 1 to autoscale");
    }
    return new WorkerScaling(threads, min, max, backlogPerThread, cooldown);
  }

  public WorkerScaling withoutAutoscaling() {
    return new WorkerScaling(threads, minThreads, 0, backlogPerThread, scaleDownCooldown);
  }

  Map<String, String> toHash() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put(THREADS, Integer.toString(threads));
    h.put(MIN, Integer.toString(minThreads));
    h.put(MAX, Integer.toString(maxThreads));
    h.put(BACKLOG, Integer.toString(backlogPerThread));
    h.put(COOLDOWN, Long.toString(scaleDownCooldown.toMillis()));
    return h;
  }

  /**
   * Reads the fields from a config hash. A missing field takes its default: queues registered
   * before these settings existed lack them until a node registers the queue again.
   */
  public static WorkerScaling fromHash(Map<String, String> h) {
    Map<String, String> d = defaults().toHash();
    Function<String, String> field = name -> h.getOrDefault(name, d.get(name));
    return new WorkerScaling(
        Integer.parseInt(field.apply(THREADS)),
        Integer.parseInt(field.apply(MIN)),
        Integer.parseInt(field.apply(MAX)),
        Integer.parseInt(field.apply(BACKLOG)),
        Duration.ofMillis(Long.parseLong(field.apply(COOLDOWN))));
  }
}
