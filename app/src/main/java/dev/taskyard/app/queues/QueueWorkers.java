package dev.taskyard.app.queues;

import dev.taskyard.core.worker.WorkerNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The live workers serving one queue, summed over the nodes' last heartbeats.
 *
 * @param nodes nodes running threads for the queue
 * @param threads their threads for it
 * @param busy those running a task now
 */
public record QueueWorkers(int nodes, int threads, int busy) {
  public static final QueueWorkers NONE = new QueueWorkers(0, 0, 0);

  /** Each queue's workers, from every live node's heartbeat. */
  static Map<String, QueueWorkers> byQueue(List<WorkerNode> nodes) {
    Map<String, QueueWorkers> byQueue = new HashMap<>();
    for (WorkerNode node : nodes) {
      for (WorkerNode.QueueLoad load : node.queues()) {
        byQueue.merge(
            load.queue(),
            new QueueWorkers(1, load.threads(), load.busyThreads()),
            (a, b) -> new QueueWorkers(a.nodes + b.nodes, a.threads + b.threads, a.busy + b.busy));
      }
    }
    return byQueue;
  }
}
