package dev.taskyard.exporter;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/** Builds the metric families the collectors publish: one series per queue, label {@code queue}. */
final class Snapshots {
  private Snapshots() {}

  static GaugeDataPointSnapshot gaugePoint(double value, String... labelNamesAndValues) {
    return GaugeDataPointSnapshot.builder()
        .value(value)
        .labels(Labels.of(labelNamesAndValues))
        .build();
  }

  static GaugeSnapshot gauge(String name, String help, List<GaugeDataPointSnapshot> points) {
    GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
    points.forEach(b::dataPoint);
    return b.build();
  }

  /** A gauge with one series per queue. */
  static <T> MetricSnapshot perQueueGauge(
      String name,
      String help,
      List<T> rows,
      Function<T, String> queue,
      ToDoubleFunction<T> value) {
    return gauge(
        name,
        help,
        rows.stream()
            .map(r -> gaugePoint(value.applyAsDouble(r), "queue", queue.apply(r)))
            .toList());
  }

  /**
   * A counter with one series per queue.
   *
   * @param name without the {@code _total} the exposition adds
   */
  static <T> MetricSnapshot perQueueCounter(
      String name,
      String help,
      List<T> rows,
      Function<T, String> queue,
      ToDoubleFunction<T> value) {
    CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
    for (T r : rows) {
      b.dataPoint(
          CounterDataPointSnapshot.builder()
              .value(value.applyAsDouble(r))
              .labels(Labels.of("queue", queue.apply(r)))
              .build());
    }
    return b.build();
  }

  static double seconds(long millis) {
    return millis / 1000.0;
  }
}
