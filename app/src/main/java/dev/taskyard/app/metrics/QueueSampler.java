package dev.taskyard.app.metrics;

import dev.taskyard.app.queues.ActiveQueues;
import dev.taskyard.app.queues.QueueRounds;
import dev.taskyard.core.Taskyard;
import dev.taskyard.core.control.UnknownQueueException;
import dev.taskyard.core.redis.RedisMasters;
import dev.taskyard.core.stats.QueueStats;
import dev.taskyard.core.stats.QueueStatus;
import dev.taskyard.core.worker.WorkerNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.redisson.api.RedissonClient;

/**
 * Reads the queues' counters, histograms and levels from Redis: three O(1) reads per queue read and
 * one read of the worker registry. A queue with nothing going on (see {@link QueueRounds}) is read
 * once per {@link #SWEEP}; in between its last reading stands, with the workers' figures of now.
 */
@ApplicationScoped
public class QueueSampler {
  /** How often every queue is read, active or not. */
  static final Duration SWEEP = Duration.ofMinutes(5);

  @Inject Taskyard taskyard;
  @Inject ActiveQueues activeQueues;
  @Inject RedissonClient redisson;

  private final QueueRounds rounds = new QueueRounds(SWEEP);
  private final Map<String, QueueReading> lastReadings = new ConcurrentHashMap<>();

  List<QueueReading> readAll() {
    List<WorkerNode> nodes = taskyard.workers().nodes();
    List<String> registered = taskyard.queues().queues();
    QueueRounds.Round round = rounds.next(registered, activeQueues, Instant.now());
    lastReadings.keySet().retainAll(registered);
    QueueStats stats = taskyard.stats();
    List<QueueReading> readings = new ArrayList<>();
    for (String queue : round.queues()) {
      try {
        QueueStatus status = stats.status(queue);
        QueueReading reading =
            new QueueReading(
                queue,
                status.at(),
                counters(status.totals()),
                gauges(status, nodes),
                Histogram.of(stats.durations(queue)),
                Histogram.of(stats.waitTimes(queue)));
        readings.add(reading);
        lastReadings.put(queue, reading);
        rounds.found(queue, QueueRounds.holdsTasks(status));
      } catch (UnknownQueueException e) {
        // Deleted since it was listed.
      }
    }
    if (!round.full()) {
      readings.addAll(unchanged(round, nodes, readings));
    }
    rounds.completed(round);
    return readings;
  }

  /** The last readings of the quiet queues, at the time of this round. */
  private List<QueueReading> unchanged(
      QueueRounds.Round round, List<WorkerNode> nodes, List<QueueReading> read) {
    List<QueueReading> unchanged = new ArrayList<>();
    Instant at = read.isEmpty() ? redisTime() : read.get(0).at();
    Set<String> readNow = read.stream().map(QueueReading::queue).collect(Collectors.toSet());
    lastReadings.forEach(
        (queue, last) -> {
          if (!readNow.contains(queue)) {
            double[] gauges = last.gauges().clone();
            workerGauges(gauges, queue, nodes);
            unchanged.add(
                new QueueReading(
                    queue, at, last.counters(), gauges, last.durations(), last.waits()));
          }
        });
    return unchanged;
  }

  private Instant redisTime() {
    var time = RedisMasters.any(redisson).time();
    return Instant.ofEpochSecond(time.getSeconds(), time.getMicroseconds() * 1000L);
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
    workerGauges(gauges, status.queue(), nodes);
    return gauges;
  }

  /** Sets the gauges of the nodes serving {@code queue}: threads, busy threads, heap, CPU. */
  private static void workerGauges(double[] gauges, String queue, List<WorkerNode> nodes) {
    int serving = 0;
    int reportingCpu = 0;
    double cpuLoad = 0;
    double threads = 0;
    double busy = 0;
    double heap = 0;
    for (WorkerNode node : nodes) {
      var load = node.queue(queue);
      if (load.isEmpty()) {
        continue;
      }
      serving++;
      threads += load.get().threads();
      busy += load.get().busyThreads();
      heap += node.heapUsedBytes();
      if (node.processCpuLoad() >= 0) {
        reportingCpu++;
        cpuLoad += node.processCpuLoad();
      }
    }
    gauges[Gauge.WORKER_THREADS.ordinal()] = threads;
    gauges[Gauge.BUSY_THREADS.ordinal()] = busy;
    gauges[Gauge.HEAP_USED_BYTES.ordinal()] = heap;
    gauges[Gauge.WORKER_NODES.ordinal()] = serving;
    gauges[Gauge.CPU_LOAD.ordinal()] = reportingCpu == 0 ? 0 : cpuLoad / reportingCpu;
  }
}
