package dev.taskyard.core.worker;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A worker node (one {@link WorkerPool}) as its last heartbeat described it, live or lost.
 *
 * @param nodeId the pool's worker id, also shown on every task it runs
 * @param startedAt when the pool started, by the node's clock
 * @param lastBeat when its last heartbeat was recorded, by the Redis server's clock
 * @param heapMaxBytes the JVM's heap limit; -1 when it has none
 * @param processCpuLoad the JVM's recent CPU use as a share of the whole machine (0-1); negative
 *     when the JVM does not report it
 * @param queues its queues, in the order the pool was given them
 * @param lost whether it stopped beating: its tasks run again elsewhere once their leases end
 */
public record WorkerNode(
    String nodeId,
    String host,
    long pid,
    Instant startedAt,
    Instant lastBeat,
    long heapUsedBytes,
    long heapMaxBytes,
    double processCpuLoad,
    List<QueueLoad> queues,
    boolean lost) {

  /**
   * One queue on a node: its threads now, those running a task, and the outcomes the node
   * acknowledged since it started.
   */
  public record QueueLoad(
      String queue, int threads, int busyThreads, long succeeded, long failed) {}

  public Optional<QueueLoad> queue(String name) {
    return queues.stream().filter(q -> q.queue().equals(name)).findFirst();
  }

  public int busyThreads() {
    return queues.stream().mapToInt(QueueLoad::busyThreads).sum();
  }

  public long tasksSucceeded() {
    return queues.stream().mapToLong(QueueLoad::succeeded).sum();
  }

  public long tasksFailed() {
    return queues.stream().mapToLong(QueueLoad::failed).sum();
  }
}
