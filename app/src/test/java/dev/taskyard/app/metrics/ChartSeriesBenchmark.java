package dev.taskyard.app.metrics;

import com.zaxxer.hikari.HikariDataSource;
import dev.taskyard.app.platform.TestDatabases;
import dev.taskyard.embedded.EmbeddedDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Not a test: a benchmark that prints figures (see docs/benchmarks.md). Stores {@code bench.hours}
 * (1) of 10-second samples of {@code bench.queues} (100) queues in an embedded PostgreSQL, as the
 * sampler does, then times what the dashboard reads from PostgreSQL: the charts' points of all
 * queues together and of one queue over the last hour (one-minute points) and the cards' totals at
 * the day's start. Run with {@code ./mvnw -B -q -o -pl app -am test -Dtest=ChartSeriesBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class ChartSeriesBenchmark {
  private static final int QUEUES = Integer.getInteger("bench.queues", 100);
  private static final int HOURS = Integer.getInteger("bench.hours", 1);
  private static final Duration SAMPLE = Duration.ofSeconds(10);
  private static final int RUNS = 30;

  @Test
  void run() throws Exception {
    try (EmbeddedDatabase database = EmbeddedDatabase.start();
        HikariDataSource dataSource = TestDatabases.pool(database)) {
      MetricsStore store = new MetricsStore();
      store.dataSource = dataSource;
      store.schema = TestDatabases.schema(dataSource);
      ChartSeries series = new ChartSeries();
      series.store = store;

      Instant now = Instant.now();
      int samples = (int) (Duration.ofHours(HOURS).toMillis() / SAMPLE.toMillis());
      long fillStart = System.nanoTime();
      for (int i = samples; i > 0; i--) {
        store.recordSamples(readings(now.minus(SAMPLE.multipliedBy(i)), samples - i), SAMPLE);
      }
      System.out.printf(
          "stored %d samples of %d queues in %.1f s%n",
          samples, QUEUES, (System.nanoTime() - fillStart) / 1e9);

      Duration step = Duration.ofMinutes(1);
      Instant from =
          Instant.ofEpochMilli(
              Math.floorDiv(now.minus(Duration.ofHours(1)).toEpochMilli(), step.toMillis())
                  * step.toMillis());
      time("charts, all queues, 1 h", () -> series.points(null, from, now, step));
      time("charts, one queue, 1 h", () -> series.points("bench-7", from, now, step));
      time("cards' totals at the day's start", () -> store.totalsAt(now.minusSeconds(1800)));
    }
  }

  private interface Read {
    Object run() throws Exception;
  }

  private static void time(String what, Read read) throws Exception {
    read.run();
    long[] ms = new long[RUNS];
    for (int i = 0; i < RUNS; i++) {
      long start = System.nanoTime();
      read.run();
      ms[i] = (System.nanoTime() - start) / 1_000_000;
    }
    Arrays.sort(ms);
    System.out.printf(
        "%s: p50 %d ms, p95 %d ms, max %d ms (%d runs)%n",
        what, ms[RUNS / 2], ms[(int) (RUNS * 0.95)], ms[RUNS - 1], RUNS);
  }

  /** Every queue's cumulative reading at {@code at}: 6 tasks done per sample, 1 in 6 failed. */
  private static List<QueueReading> readings(Instant at, int round) {
    List<QueueReading> readings = new ArrayList<>();
    for (int q = 0; q < QUEUES; q++) {
      long[] counters = new long[Counter.values().length];
      counters[Counter.ENQUEUED.ordinal()] = 6L * round + 10;
      counters[Counter.SUCCEEDED.ordinal()] = 5L * round;
      counters[Counter.FAILED.ordinal()] = round;
      double[] gauges = new double[Gauge.values().length];
      gauges[Gauge.QUEUED.ordinal()] = 10 + round % 7;
      gauges[Gauge.RUNNING.ordinal()] = 2;
      long[] buckets = new long[Histogram.SIZE];
      buckets[2] = 4L * round;
      buckets[5] = 2L * round;
      readings.add(
          new QueueReading(
              "bench-" + q,
              at,
              counters,
              gauges,
              new Histogram(buckets, 300L * round),
              new Histogram(buckets.clone(), 900L * round)));
    }
    return readings;
  }
}
