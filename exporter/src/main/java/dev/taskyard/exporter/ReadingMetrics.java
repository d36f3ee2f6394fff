package dev.taskyard.exporter;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;

/** One group of metrics, made from what a scrape read. */
interface ReadingMetrics {
  List<MetricSnapshot> metrics(Reading reading);
}
