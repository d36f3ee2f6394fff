package dev.taskyard.app.history;

import com.zaxxer.hikari.HikariDataSource;
import dev.taskyard.app.platform.TestDatabases;
import dev.taskyard.embedded.EmbeddedDatabase;
import dev.taskyard.embedded.EmbeddedRedis;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Not a test: a benchmark that prints figures (see docs/benchmarks.md). Fills the partitioned
 * {@code task_history} with {@code bench.rows} tasks (default 100,000,000) made over the last
 * {@code bench.days} days (default 35) by one {@code insert ... select ... generate_series} per
 * million rows ({@link #GENERATOR}), into the indexes as the archiver leaves them. It measures the
 * size of the first million first and stops short of {@code bench.reserve-gb} (default 20) free on
 * the disk, saying so. Then it times task-list pages and searches through {@link HistoryStore} (300
 * each after 50 warm-up) and prints their plans. With {@code bench.dir} the database stays in that
 * directory, for {@link HistoryBenchmark}'s archiver to write into it afterwards (same property);
 * remove it after. Run with {@code ./mvnw -B -q -pl app -am test -Dtest=HistoryScaleBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false -Dbench.dir=<dir>}.
 */
class HistoryScaleBenchmark {
  private static final long ROWS = Long.getLong("bench.rows", 100_000_000L);
  private static final int DAYS = Integer.getInteger("bench.days", 35);
  private static final long RESERVE_BYTES = Long.getLong("bench.reserve-gb", 20) << 30;
  private static final int CHUNK = 1_000_000;

  /**
   * Rows i in [from, to) (parameters 3, 4) of a history that starts at parameter 1 (epoch ms), one
   * every parameter 2 ms: 10 queues (bench-0..9), 6 types, spread by hashes of i, 1 in 50 FAILED
   * with one of three errors (one naming the row), priority 0-9, a correlation id order-<i, 9
   * digits> each, a timeline of three events as Timeline writes them; ids are UUIDv7 of the row's
   * time.
   */
  static final String GENERATOR =
      """
      insert into task_history (id, queue, type, state, priority, attempts, correlation_id, error,
        worker, created_at, started_at, finished_at, updated_at, stream_ms, stream_seq, timeline,
        state_pos, priority_pos, attempts_pos, error_pos, worker_pos)
      select id, 'bench-' || abs(hashint8(i) % 10),
        (array['file.checksum', 'file.inspect', 'file.move', 'report.build', 'mail.send',
               'media.transcode'])[1 + abs(hashint8(-i) % 6)],
        case when failed then 'FAILED' else 'SUCCEEDED' end, abs(hashint8(i + 1) % 10), 1,
        'order-' || lpad(i::text, 9, '0'),
        case when failed then
          case (i / 50) % 3
            when 0 then 'java.io.IOException: disk full on /data'
            when 1 then 'java.util.concurrent.TimeoutException: timeout after ' || i % 997 || ' ms'
            else 'java.lang.IllegalStateException: no order ''' || i || ''' in the shop' end
        end,
        'bench-1', ms_to_ts(ms), ms_to_ts(ms + 5), ms_to_ts(ms + 25), ms_to_ts(ms + 25),
        ms + 25, 0,
        ('[{"ms":' || ms || ',"seq":0,"event":"submitted","at":' || ms || ',"state":"QUEUED"},'
          || '{"ms":' || ms + 5 || ',"seq":0,"event":"started","at":' || ms + 5
          || ',"state":"RUNNING","worker":"bench-1","attempt":1},'
          || case when failed then '{"ms":' || ms + 25 || ',"seq":0,"event":"failed","at":'
                || ms + 25 || ',"state":"FAILED","error":"java.io.IOException: disk full"}]'
             else '{"ms":' || ms + 25 || ',"seq":0,"event":"succeeded","at":' || ms + 25
                || ',"state":"SUCCEEDED"}]' end)::json,
        (ms + 25)::numeric * 18446744073709551616, ms::numeric * 18446744073709551616,
        (ms + 5)::numeric * 18446744073709551616,
        case when failed then (ms + 25)::numeric * 18446744073709551616 end,
        (ms + 5)::numeric * 18446744073709551616
      from (select i, ms, i % 50 = 7 as failed,
              (lpad(to_hex(ms), 12, '0') || '7' || lpad(to_hex(i % 4096), 3, '0') || '8'
                || lpad(to_hex(i), 15, '0'))::uuid as id
            from (select i, ?::bigint + (i * ?::float8)::bigint as ms
                  from generate_series(?::bigint, ?::bigint - 1) i) t) g
      """;

  /** The benchmark's PostgreSQL: in {@code bench.dir} if given (kept), else a temporary one. */
  static EmbeddedDatabase startDatabase() throws IOException {
    String dir = System.getProperty("bench.dir");
    return dir == null
        ? EmbeddedDatabase.start()
        : EmbeddedDatabase.start(EmbeddedRedis.freePort(), Path.of(dir));
  }

  @Test
  void run() throws Exception {
    try (EmbeddedDatabase database = startDatabase()) {
      configure(database);
      measure(database);
    }
  }

  /**
   * A server sized for the load (the embedded one has 128 MB of shared buffers), without
   * autovacuum, which would vacuum the new rows while the queries are timed.
   */
  private static void configure(EmbeddedDatabase database) throws Exception {
    try (Connection c =
            DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.USER, null);
        Statement s = c.createStatement()) {
      s.execute("alter system set shared_buffers = '2GB'");
      s.execute("alter system set max_wal_size = '1GB'");
      s.execute("alter system set autovacuum = off");
    }
    database.restart();
  }

  private static void measure(EmbeddedDatabase database) throws Exception {
    try (HikariDataSource dataSource = TestDatabases.pool(database)) {
      HistoryStore store = new HistoryStore();
      store.dataSource = dataSource;
      store.schema = TestDatabases.schema(dataSource);
      store.schema.ensureMigrated();
      Instant end = Instant.now();
      Instant start = end.minus(Duration.ofDays(DAYS));
      store.addWeeks(start, end.plus(Duration.ofDays(28)));
      Path dataDir = Path.of(System.getProperty("bench.dir", System.getProperty("java.io.tmpdir")));
      long free = Files.getFileStore(dataDir).getUsableSpace();

      // The size of a million rows first, to load no more than fits.
      insert(dataSource, start, DAYS, ROWS, 0, CHUNK);
      long perMillion = size(dataSource);
      long fit = Math.max(CHUNK, (free - RESERVE_BYTES) / perMillion * 1_000_000);
      long rows = Math.min(ROWS, fit);
      System.out.printf(
          "size per million rows: %.2f GB (heap, TOAST and indexes); %.1f GB free,"
              + " %d GB kept free: %,d rows fit%n",
          perMillion / 1e9, free / 1e9, RESERVE_BYTES >> 30, fit);
      if (rows < ROWS) {
        System.out.printf("%,d rows do not fit: loading %,d over the same days%n", ROWS, rows);
        try (Connection c = dataSource.getConnection();
            Statement s = c.createStatement()) {
          s.execute("truncate task_history");
        }
      }
      long loadStart = System.nanoTime();
      for (long from = rows < ROWS ? 0 : CHUNK; from < rows; from += CHUNK) {
        long to = Math.min(rows, from + CHUNK);
        long t0 = System.nanoTime();
        insert(dataSource, start, DAYS, rows, from, to);
        if ((to / CHUNK) % 5 == 0 || to == rows) {
          System.out.printf(
              "%,d rows in %.0f s (last million: %.0f rows/s)%n",
              to,
              (System.nanoTime() - loadStart) / 1e9,
              (to - from) / ((System.nanoTime() - t0) / 1e9));
        }
      }
      try (Connection c = dataSource.getConnection();
          Statement s = c.createStatement()) {
        long t0 = System.nanoTime();
        s.execute("analyze task_history");
        System.out.printf(
            "%,d rows, %.1f GB, loaded in %.0f s, analyzed in %.0f s%n",
            rows, size(dataSource) / 1e9, (t0 - loadStart) / 1e9, (System.nanoTime() - t0) / 1e9);
      }
      printWeeks(dataSource);

      List<UUID> ids = new ArrayList<>();
      List<String> correlations = new ArrayList<>();
      try (Connection c = dataSource.getConnection();
          Statement s = c.createStatement();
          ResultSet r =
              s.executeQuery(
                  "select id, correlation_id from task_history tablesample system (0.01)"
                      + " order by random() limit 1000")) {
        while (r.next()) {
          ids.add(r.getObject(1, UUID.class));
          correlations.add(r.getString(2));
        }
      }
      AtomicInteger n = new AtomicInteger();
      HistoryBenchmark.time(
          store,
          dataSource,
          "queue + state, newest first",
          q -> HistoryBenchmark.query(q, "FAILED", null, null));
      HistoryBenchmark.time(
          store,
          dataSource,
          "queue + type + failed",
          q -> HistoryBenchmark.query(q, "FAILED", "report.build", null));
      HistoryBenchmark.time(
          store,
          dataSource,
          "queue + succeeded, last day",
          q ->
              new TaskQuery(
                  java.util.Optional.of(q),
                  java.util.Set.of("SUCCEEDED"),
                  java.util.Optional.empty(),
                  java.util.Optional.of(end.minus(Duration.ofDays(1))),
                  java.util.Optional.of(end),
                  java.util.Optional.empty(),
                  java.util.Optional.empty(),
                  TaskSort.CREATED_AT,
                  false,
                  java.util.Optional.empty(),
                  50));
      HistoryBenchmark.time(
          store,
          dataSource,
          "search a task id",
          q ->
              HistoryBenchmark.query(
                  null, null, null, ids.get(n.getAndIncrement() % ids.size()).toString()));
      HistoryBenchmark.time(
          store,
          dataSource,
          "search a correlation id",
          q ->
              HistoryBenchmark.query(
                  null, null, null, correlations.get(n.getAndIncrement() % ids.size())));
      HistoryBenchmark.time(
          store,
          dataSource,
          "search error text (common)",
          q -> HistoryBenchmark.query(null, null, null, "disk full"));
      HistoryBenchmark.time(
          store,
          dataSource,
          "search error text (one task)",
          q ->
              HistoryBenchmark.query(
                  null, null, null, "no order '" + (50 * (3 * n.getAndIncrement() + 2) + 7) + "'"));
      HistoryBenchmark.time(
          store, dataSource, "all queues, 5th page", q -> HistoryBenchmark.fifthPage(store, q));
      long[] micros = new long[300];
      for (int i = -50; i < micros.length; i++) {
        UUID id = ids.get(Math.floorMod(i, ids.size()));
        long t0 = System.nanoTime();
        store.find(id).orElseThrow();
        if (i >= 0) {
          micros[i] = (System.nanoTime() - t0) / 1000;
        }
      }
      java.util.Arrays.sort(micros);
      System.out.printf(
          "find(id), task detail                 p50 %6.2f ms  p95 %6.2f ms  p99 %6.2f ms%n",
          micros[150] / 1000.0, micros[285] / 1000.0, micros[297] / 1000.0);
    }
  }

  /**
   * On the history {@link #run} left in {@code bench.dir}: retention of its oldest week, whose
   * tasks all ended, timed; prints the plan of the check that they all ended.
   */
  @Test
  void dropTheOldestWeek() throws Exception {
    try (EmbeddedDatabase database = startDatabase();
        HikariDataSource dataSource = TestDatabases.pool(database)) {
      HistoryStore store = new HistoryStore();
      store.dataSource = dataSource;
      store.schema = TestDatabases.schema(dataSource);
      HistoryWeek oldest = store.weeks().get(0);
      Instant cutoff = oldest.end();
      try (Connection c = dataSource.getConnection();
          PreparedStatement s =
              c.prepareStatement(
                  "explain (analyze, buffers, costs off) select exists (select 1 from "
                      + oldest.partition()
                      + " where finished_at is null or finished_at >= ms_to_ts(?))")) {
        s.setLong(1, cutoff.toEpochMilli());
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            System.out.println("    " + r.getString(1));
          }
        }
      }
      long t0 = System.nanoTime();
      List<HistoryWeek> dropped = store.dropWeeksEndedBefore(cutoff).orElseThrow();
      System.out.printf(
          "retention with cutoff %s dropped %s in %.1f ms%n",
          cutoff, dropped, (System.nanoTime() - t0) / 1e6);
    }
  }

  /** Rows [from, to) of {@code rows} made over {@code days} days from {@code start}. */
  private static void insert(
      HikariDataSource dataSource, Instant start, int days, long rows, long from, long to)
      throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement insert = c.prepareStatement(GENERATOR)) {
      insert.setLong(1, start.toEpochMilli());
      insert.setDouble(2, Duration.ofDays(days).toMillis() / (double) rows);
      insert.setLong(3, from);
      insert.setLong(4, to);
      insert.executeUpdate();
    }
  }

  private static long size(HikariDataSource dataSource) throws Exception {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "select sum(pg_total_relation_size(inhrelid)) from pg_inherits"
                    + " where inhparent = 'task_history'::regclass")) {
      r.next();
      return r.getLong(1);
    }
  }

  private static void printWeeks(HikariDataSource dataSource) throws Exception {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "select c.relname, c.reltuples::bigint, pg_total_relation_size(c.oid)"
                    + " from pg_inherits i join pg_class c on c.oid = i.inhrelid"
                    + " where i.inhparent = 'task_history'::regclass order by c.relname")) {
      while (r.next()) {
        System.out.printf(
            "  %-24s %,14d rows %8.2f GB%n", r.getString(1), r.getLong(2), r.getLong(3) / 1e9);
      }
    }
  }
}
