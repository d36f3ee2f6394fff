package dev.taskyard.exporter;

import dev.taskyard.core.stats.HistogramSnapshot;
import dev.taskyard.core.stats.QueueStats.QueueHistograms;
import dev.taskyard.core.stats.QueueStatus;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Task durations and wait times as real Prometheus histograms (seconds), from the bucket counters
 * the scripts keep in Redis: cluster-wide, whichever node ran the tasks.
 */
final class HistogramMetrics implements ReadingMetrics {
  @Override
  public List<MetricSnapshot> metrics(Reading reading) {
    if (reading.histograms().isEmpty()) {
      return List.of();
    }
    Map<String, QueueHistograms> all = reading.histograms().get();
    return List.of(
        histogram(
            "taskyard_task_duration_seconds",
            "Duration of finished attempts (succeeded or failed).",
            reading.statuses(),
            all,
            QueueHistograms::durations),
        histogram(
            "taskyard_task_wait_seconds",
            "Time from queued to started.",
            reading.statuses(),
            all,
            QueueHistograms::waitTimes));
  }

  private static MetricSnapshot histogram(
      String name,
      String help,
      List<QueueStatus> queues,
      Map<String, QueueHistograms> all,
      Function<QueueHistograms, HistogramSnapshot> which) {
    var b = io.prometheus.metrics.model.snapshots.HistogramSnapshot.builder().name(name).help(help);
    for (QueueStatus q : queues) {
      QueueHistograms h = all.get(q.queue());
      if (h != null) {
        b.dataPoint(point(q.queue(), which.apply(h)));
      }
    }
    return b.build();
  }

  private static HistogramDataPointSnapshot point(String queue, HistogramSnapshot h) {
    int n = h.boundsMs().size();
    double[] bounds = new double[n + 1];
    long[] counts = new long[n + 1];
    long below = 0;
    for (int i = 0; i <= n; i++) {
      bounds[i] = i < n ? Snapshots.seconds(h.boundsMs().get(i)) : Double.POSITIVE_INFINITY;
      long cumulative = h.cumulativeCounts().get(i);
      counts[i] = cumulative - below; // the model takes each bucket's own count
      below = cumulative;
    }
    return HistogramDataPointSnapshot.builder()
        .classicHistogramBuckets(ClassicHistogramBuckets.of(bounds, counts))
        .sum(Snapshots.seconds(h.sumMs()))
        .labels(Labels.of("queue", queue))
        .build();
  }
}
