package dev.taskyard.app.metrics;

import dev.taskyard.core.Taskyard;
import dev.taskyard.core.control.UnknownQueueException;
import dev.taskyard.core.stats.QueueStats;
import dev.taskyard.core.stats.QueueStatus;
import dev.taskyard.core.worker.WorkerNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads every queue's counters, histograms and levels from Redis: three O(1) reads per queue and
 * one read of the worker registry.
 */
@ApplicationScoped
public class QueueSampler {

  @Inject Taskyard taskyard;

  List<QueueReading> readAll() {
    List<WorkerNode> nodes = taskyard.workers().nodes();
    QueueStats stats = taskyard.stats();
    List<QueueReading> readings = new ArrayList<>();
    for (String queue : taskyard.queues().queues()) {
      try {
        QueueStatus status = stats.status(queue);
        readings.add(
            new QueueReading(
                queue,
                status.at(),
                counters(status.totals()),
                gauges(status, nodes),
                Histogram.of(stats.durations(queue)),
                Histogram.of(stats.waitTimes(queue))));
      } catch (UnknownQueueException e) {
        // Deleted since it was listed.
      }
    }
    return readings;
  }

  private static long[] counters(QueueStatus.Totals t) {
    long[] counters = new long[Counter.values().length];
    counters[Counter.ENQUEUED.ordinal()] = t.enqueued();
    counters[Counter.SUCCEEDED.ordinal()] = t.succeeded();
    counters[Counter.FAILED.ordinal()] = t.failed();
    counters[Counter.RETRIED.ordinal()] = t.retried();
    counters[Counter.DEAD_LETTERED.ordinal()] = t.deadLettered();
    return counters;
  }

  private static double[] gauges(QueueStatus status, List<WorkerNode> nodes) {
    double[] gauges = new double[Gauge.values().length];
    gauges[Gauge.QUEUED.ordinal()] = status.queued();
    gauges[Gauge.SCHEDULED.ordinal()] = status.scheduled();
    gauges[Gauge.WAITING.ordinal()] = status.waiting();
    gauges[Gauge.RUNNING.ordinal()] = status.running();
    int serving = 0;
    int reportingCpu = 0;
    double cpuLoad = 0;
    for (WorkerNode node : nodes) {
      var load = node.queue(status.queue());
      if (load.isEmpty()) {
        continue;
      }
      serving++;
      gauges[Gauge.WORKER_THREADS.ordinal()] += load.get().threads();
      gauges[Gauge.BUSY_THREADS.ordinal()] += load.get().busyThreads();
      gauges[Gauge.HEAP_USED_BYTES.ordinal()] += node.heapUsedBytes();
      if (node.processCpuLoad() >= 0) {
        reportingCpu++;
        cpuLoad += node.processCpuLoad();
      }
    }
    gauges[Gauge.WORKER_NODES.ordinal()] = serving;
    gauges[Gauge.CPU_LOAD.ordinal()] = reportingCpu == 0 ? 0 : cpuLoad / reportingCpu;
    return gauges;
  }
}
