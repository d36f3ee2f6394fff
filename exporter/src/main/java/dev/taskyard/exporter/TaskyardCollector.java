package dev.taskyard.exporter;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads Redis once per scrape and publishes every group of metrics from that one reading. With
 * Redis away it answers as soon as the read fails, with only its own metrics: {@code
 * taskyard_redis_up 0}, and no per-queue series that would show stale numbers.
 */
final class TaskyardCollector implements MultiCollector {
  static final List<ReadingMetrics> GROUPS =
      List.of(
          new QueueStateMetrics(),
          new TotalsMetrics(),
          new HistogramMetrics(),
          new WorkerMetrics(),
          new ThresholdMetrics(),
          new ArchiveMetrics(),
          new ScheduleMetrics());

  private static final Logger LOG = Logger.getLogger(TaskyardCollector.class.getName());

  private final RedisReader reader;
  private final SelfMetrics self;

  TaskyardCollector(RedisReader reader, SelfMetrics self) {
    this.reader = reader;
    this.self = self;
  }

  @Override
  public MetricSnapshots collect() {
    long start = System.nanoTime();
    List<MetricSnapshot> metrics = new ArrayList<>();
    Reading reading = null;
    try {
      reading = reader.read();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Redis did not answer: " + e);
      LOG.log(Level.FINE, "The failed read", e);
    }
    if (reading != null) {
      for (ReadingMetrics group : GROUPS) {
        metrics.addAll(group.metrics(reading));
      }
    }
    boolean success = reading != null && reading.complete();
    metrics.addAll(self.metrics((System.nanoTime() - start) / 1e9, success, reading != null));
    return new MetricSnapshots(metrics);
  }
}
