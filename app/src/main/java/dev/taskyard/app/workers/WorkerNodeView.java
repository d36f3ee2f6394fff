package dev.taskyard.app.workers;

import dev.taskyard.core.worker.WorkerNode;
import java.time.Instant;
import java.util.List;

/**
 * A worker node as the REST API shows it.
 *
 * @param busy threads running a task now, over all queues
 * @param local true for the node that answered the request
 * @param lost true for a node that stopped beating: its last record, kept for {@link
 *     dev.taskyard.core.worker.WorkerRegistry#LOST_RETENTION}
 */
public record WorkerNodeView(
    String id,
    String host,
    long pid,
    Instant startedAt,
    Instant lastHeartbeat,
    long heapUsedBytes,
    long heapMaxBytes,
    double processCpuLoad,
    int threads,
    int busy,
    long succeeded,
    long failed,
    boolean local,
    boolean lost,
    List<Queue> queues) {

  /** One queue on the node. */
  public record Queue(String queue, int threads, int busy, long succeeded, long failed) {}

  static WorkerNodeView of(WorkerNode node, boolean local) {
    return new WorkerNodeView(
        node.nodeId(),
        node.host(),
        node.pid(),
        node.startedAt(),
        node.lastBeat(),
        node.heapUsedBytes(),
        node.heapMaxBytes(),
        node.processCpuLoad(),
        node.queues().stream().mapToInt(WorkerNode.QueueLoad::threads).sum(),
        node.busyThreads(),
        node.tasksSucceeded(),
        node.tasksFailed(),
        local,
        node.lost(),
        node.queues().stream()
            .map(q -> new Queue(q.queue(), q.threads(), q.busyThreads(), q.succeeded(), q.failed()))
            .toList());
  }
}
