package dev.taskyard.app.metrics;

import dev.taskyard.app.platform.DatabaseCalls;
import dev.taskyard.app.platform.DatabaseSchema;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.flywaydb.core.api.FlywayException;

/**
 * The time series in PostgreSQL ({@code queue_metrics}, {@code queue_metrics_cursor}). Timeout,
 * circuit breaker and bulkhead limits come from MicroProfile Config ({@code
 * dev.taskyard.app.metrics.MetricsStore/Timeout/value} and friends).
 */
@ApplicationScoped
@DatabaseCalls
@Timeout
@CircuitBreaker
public class MetricsStore {
  private static final String COLUMNS =
      "queue, resolution, bucket_start, interval_ms, samples, counters, gauge_sums, gauge_maxes,"
          + " duration_buckets, duration_sum_ms, wait_buckets, wait_sum_ms";
  private static final String UPSERT =
      "insert into queue_metrics ("
          + COLUMNS
          + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (queue, resolution,"
          + " bucket_start) do update set interval_ms = excluded.interval_ms, samples ="
          + " excluded.samples, counters = excluded.counters, gauge_sums = excluded.gauge_sums,"
          + " gauge_maxes = excluded.gauge_maxes, duration_buckets = excluded.duration_buckets,"
          + " duration_sum_ms = excluded.duration_sum_ms, wait_buckets = excluded.wait_buckets,"
          + " wait_sum_ms = excluded.wait_sum_ms";

  /**
   * The series of all queues added up, stored with each sample beside the queues' own, so that a
   * chart of all queues reads one row per sample however many queues there are. No queue can have
   * this name ({@code QueueNames}).
   */
  public static final String ALL_QUEUES = "*";

  @Inject DataSource dataSource;
  @Inject DatabaseSchema schema;

  /**
   * Stores one sample per reading, as the difference from the queue's cursor, and their sum as the
   * sample of {@link #ALL_QUEUES}, and moves the cursors: one transaction, so a failed write leaves
   * the counts to the next sample.
   */
  public void recordSamples(List<QueueReading> readings, Duration step) throws SQLException {
    try (Connection c = connection()) {
      c.setAutoCommit(false);
      try {
        Map<String, MetricRow.Cursor> cursors = lockCursors(c, readings);
        List<MetricRow> rows = new ArrayList<>();
        List<QueueReading> advanced = new ArrayList<>();
        for (QueueReading reading : readings) {
          MetricRow.Cursor previous = cursors.get(reading.queue());
          if (previous == null || reading.at().isAfter(previous.at())) {
            rows.add(MetricRow.sample(reading, previous, step));
            advanced.add(reading);
          }
        }
        if (!rows.isEmpty()) {
          rows.add(MetricRow.combine(ALL_QUEUES, rows));
        }
        write(c, rows);
        saveCursors(c, advanced);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /**
   * Recomputes every {@code target} row starting from {@code from} to {@code to} from its source
   * rows. Running it again with no new source rows changes nothing.
   *
   * @return the number of rows written
   */
  public int rollUp(Resolution target, Instant from, Instant to) throws SQLException {
    Instant start = target.truncate(from);
    try (Connection c = connection()) {
      c.setAutoCommit(false);
      try {
        Map<String, Map<Instant, List<MetricRow>>> groups = new LinkedHashMap<>();
        for (MetricRow row : read(c, null, target.source(), start, to)) {
          groups
              .computeIfAbsent(row.queue(), q -> new LinkedHashMap<>())
              .computeIfAbsent(target.truncate(row.bucketStart()), t -> new ArrayList<>())
              .add(row);
        }
        List<MetricRow> rollups = new ArrayList<>();
        groups.forEach(
            (queue, buckets) ->
                buckets.forEach(
                    (bucket, rows) -> rollups.add(MetricRow.merge(queue, target, bucket, rows))));
        write(c, rollups);
        c.commit();
        return rollups.size();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /** Deletes the rows of {@code resolution} that start before {@code cutoff}. */
  public int deleteBefore(Resolution resolution, Instant cutoff) throws SQLException {
    try (Connection c = connection();
        PreparedStatement s =
            c.prepareStatement(
                "delete from queue_metrics where resolution = ? and bucket_start < ?")) {
      s.setString(1, resolution.column);
      s.setTimestamp(2, Timestamp.from(cutoff));
      return s.executeUpdate();
    }
  }

  /**
   * The rows of {@code queue} at {@code resolution} that start in [{@code from}, {@code to}). A
   * bulkhead keeps long-range queries from taking every pooled connection.
   */
  @Bulkhead
  public List<MetricRow> read(String queue, Resolution resolution, Instant from, Instant to)
      throws SQLException {
    try (Connection c = connection()) {
      return read(c, queue, resolution, from, to);
    }
  }

  /**
   * Per queue (by name), what happened in the hours that start in [{@code from}, {@code to}), from
   * the hourly rollups: one query. Queues without a row in the period are left out.
   */
  @Bulkhead
  public List<QueuePeriod> periods(Instant from, Instant to) throws SQLException {
    Map<String, List<MetricRow>> byQueue = new TreeMap<>();
    try (Connection c = connection()) {
      for (MetricRow row : read(c, null, Resolution.HOUR, from, to)) {
        if (!row.queue().equals(ALL_QUEUES)) {
          byQueue.computeIfAbsent(row.queue(), q -> new ArrayList<>()).add(row);
        }
      }
    }
    return byQueue.entrySet().stream().map(e -> QueuePeriod.of(e.getKey(), e.getValue())).toList();
  }

  /**
   * Per queue, the outcomes per minute in the samples since {@code since}, added up in PostgreSQL.
   * Without PostgreSQL the status page goes on without them.
   */
  @Fallback(fallbackMethod = "noRates")
  @Timeout
  public Map<String, QueueRates> rates(Instant since) throws SQLException {
    Map<String, QueueRates> rates = new HashMap<>();
    try (Connection c = connection();
        PreparedStatement s =
            c.prepareStatement(
                "select queue, sum(counters[?]), sum(counters[?]), sum(interval_ms) from"
                    + " queue_metrics where resolution = 'raw' and bucket_start >= ? group by"
                    + " queue")) {
      // SQL arrays count from 1.
      s.setInt(1, Counter.SUCCEEDED.ordinal() + 1);
      s.setInt(2, Counter.FAILED.ordinal() + 1);
      s.setTimestamp(3, Timestamp.from(since));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          rates.put(r.getString(1), QueueRates.of(r.getLong(2), r.getLong(3), r.getLong(4)));
        }
      }
    }
    return rates;
  }

  /**
   * Per sampled queue, its succeeded and failed totals as they stood at {@code since}: the totals
   * of its last sample less the counts of the samples since (within one sample step of {@code
   * since}, as a sample counts what happened since the one before). One query for every queue.
   */
  public Map<String, Outcomes> totalsAt(Instant since) throws SQLException {
    Map<String, Outcomes> totals = new HashMap<>();
    try (Connection c = connection();
        PreparedStatement s =
            c.prepareStatement(
                "select c.queue, c.counters[?] - coalesce(sum(m.counters[?]), 0), c.counters[?]"
                    + " - coalesce(sum(m.counters[?]), 0) from queue_metrics_cursor c left join"
                    + " queue_metrics m on m.queue = c.queue and m.resolution = 'raw' and"
                    + " m.bucket_start >= ? group by c.queue, c.counters")) {
      // SQL arrays count from 1.
      int succeeded = Counter.SUCCEEDED.ordinal() + 1;
      int failed = Counter.FAILED.ordinal() + 1;
      s.setInt(1, succeeded);
      s.setInt(2, succeeded);
      s.setInt(3, failed);
      s.setInt(4, failed);
      s.setTimestamp(5, Timestamp.from(since));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          totals.put(r.getString(1), new Outcomes(r.getLong(2), r.getLong(3)));
        }
      }
    }
    return totals;
  }

  Map<String, QueueRates> noRates(Instant since) {
    return Map.of();
  }

  /** A connection to a migrated schema: PostgreSQL may have been away when the node started. */
  private Connection connection() throws SQLException {
    try {
      schema.ensureMigrated();
    } catch (FlywayException e) {
      throw new SQLException("schema not migrated", e);
    }
    return dataSource.getConnection();
  }

  private static List<MetricRow> read(
      Connection c, String queue, Resolution resolution, Instant from, Instant to)
      throws SQLException {
    String sql =
        "select "
            + COLUMNS
            + " from queue_metrics where resolution = ? and bucket_start >= ? and bucket_start < ?"
            + (queue == null ? "" : " and queue = ?")
            + " order by queue, bucket_start";
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, resolution.column);
      s.setTimestamp(2, Timestamp.from(from));
      s.setTimestamp(3, Timestamp.from(to));
      if (queue != null) {
        s.setString(4, queue);
      }
      List<MetricRow> rows = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          rows.add(
              new MetricRow(
                  r.getString(1),
                  resolution,
                  r.getTimestamp(3).toInstant(),
                  r.getLong(4),
                  r.getInt(5),
                  longs(r.getArray(6)),
                  doubles(r.getArray(7)),
                  doubles(r.getArray(8)),
                  new Histogram(longs(r.getArray(9)), r.getLong(10)),
                  new Histogram(longs(r.getArray(11)), r.getLong(12))));
        }
      }
      return rows;
    }
  }

  private static void write(Connection c, List<MetricRow> rows) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(UPSERT)) {
      for (MetricRow row : rows) {
        s.setString(1, row.queue());
        s.setString(2, row.resolution().column);
        s.setTimestamp(3, Timestamp.from(row.bucketStart()));
        s.setLong(4, row.intervalMs());
        s.setInt(5, row.samples());
        s.setArray(6, array(c, row.counters()));
        s.setArray(7, array(c, row.gaugeSums()));
        s.setArray(8, array(c, row.gaugeMaxes()));
        s.setArray(9, array(c, row.durations().counts()));
        s.setLong(10, row.durations().sumMs());
        s.setArray(11, array(c, row.waits().counts()));
        s.setLong(12, row.waits().sumMs());
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  private static Map<String, MetricRow.Cursor> lockCursors(
      Connection c, List<QueueReading> readings) throws SQLException {
    Map<String, MetricRow.Cursor> cursors = new HashMap<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "select queue, sampled_at, counters, duration_buckets, duration_sum_ms, wait_buckets,"
                + " wait_sum_ms from queue_metrics_cursor where queue = any (?) for update")) {
      s.setArray(
          1,
          c.createArrayOf(
              "text", readings.stream().map(QueueReading::queue).toArray(String[]::new)));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          cursors.put(
              r.getString(1),
              new MetricRow.Cursor(
                  r.getTimestamp(2).toInstant(),
                  longs(r.getArray(3)),
                  new Histogram(longs(r.getArray(4)), r.getLong(5)),
                  new Histogram(longs(r.getArray(6)), r.getLong(7))));
        }
      }
    }
    return cursors;
  }

  private static void saveCursors(Connection c, List<QueueReading> readings) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into queue_metrics_cursor (queue, sampled_at, counters, duration_buckets,"
                + " duration_sum_ms, wait_buckets, wait_sum_ms) values (?, ?, ?, ?, ?, ?, ?) on"
                + " conflict (queue) do update set sampled_at = excluded.sampled_at, counters ="
                + " excluded.counters, duration_buckets = excluded.duration_buckets,"
                + " duration_sum_ms = excluded.duration_sum_ms, wait_buckets ="
                + " excluded.wait_buckets, wait_sum_ms = excluded.wait_sum_ms")) {
      for (QueueReading reading : readings) {
        s.setString(1, reading.queue());
        s.setTimestamp(2, Timestamp.from(reading.at()));
        s.setArray(3, array(c, reading.counters()));
        s.setArray(4, array(c, reading.durations().counts()));
        s.setLong(5, reading.durations().sumMs());
        s.setArray(6, array(c, reading.waits().counts()));
        s.setLong(7, reading.waits().sumMs());
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  private static Array array(Connection c, long[] values) throws SQLException {
    Long[] boxed = new Long[values.length];
    for (int i = 0; i < values.length; i++) {
      boxed[i] = values[i];
    }
    return c.createArrayOf("bigint", boxed);
  }

  private static Array array(Connection c, double[] values) throws SQLException {
    Double[] boxed = new Double[values.length];
    for (int i = 0; i < values.length; i++) {
      boxed[i] = values[i];
    }
    return c.createArrayOf("float8", boxed);
  }

  private static long[] longs(Array array) throws SQLException {
    Object[] values = (Object[]) array.getArray();
    long[] result = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      result[i] = ((Number) values[i]).longValue();
    }
    return result;
  }

  private static double[] doubles(Array array) throws SQLException {
    Object[] values = (Object[]) array.getArray();
    double[] result = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      result[i] = ((Number) values[i]).doubleValue();
    }
    return result;
  }
}
