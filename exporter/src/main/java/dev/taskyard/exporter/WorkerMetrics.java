package dev.taskyard.exporter;

import static dev.taskyard.exporter.Snapshots.gauge;
import static dev.taskyard.exporter.Snapshots.gaugePoint;
import static dev.taskyard.exporter.Snapshots.perQueueGauge;

import dev.taskyard.core.stats.QueueStatus;
import dev.taskyard.core.worker.WorkerNode;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Live worker nodes, and per queue the threads they run for it and how many of those are busy: 0
 * for a queue no live node serves, which is what the "no workers" alert looks for.
 */
final class WorkerMetrics implements ReadingMetrics {
  @Override
  public List<MetricSnapshot> metrics(Reading reading) {
    if (reading.workers().isEmpty()) {
      return List.of();
    }
    List<WorkerNode> nodes = reading.workers().get();
    Map<String, Integer> threads = new HashMap<>();
    Map<String, Integer> busy = new HashMap<>();
    for (WorkerNode node : nodes) {
      for (WorkerNode.QueueLoad load : node.queues()) {
        threads.merge(load.queue(), load.threads(), Integer::sum);
        busy.merge(load.queue(), load.busyThreads(), Integer::sum);
      }
    }
    List<QueueStatus> queues = reading.statuses();
    return List.of(
        perQueueGauge(
            "taskyard_worker_threads",
            "Worker threads on live nodes serving the queue.",
            queues,
            QueueStatus::queue,
            q -> threads.getOrDefault(q.queue(), 0)),
        perQueueGauge(
            "taskyard_worker_threads_busy",
            "Worker threads on live nodes running a task of the queue.",
            queues,
            QueueStatus::queue,
            q -> busy.getOrDefault(q.queue(), 0)),
        gauge("taskyard_worker_nodes", "Live worker nodes.", List.of(gaugePoint(nodes.size()))));
  }
}
