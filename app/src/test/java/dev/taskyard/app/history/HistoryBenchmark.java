package dev.taskyard.app.history;

import com.zaxxer.hikari.HikariDataSource;
import dev.taskyard.app.platform.TestDatabases;
import dev.taskyard.core.Taskyard;
import dev.taskyard.core.events.EventEntry;
import dev.taskyard.core.redis.QueueKeys;
import dev.taskyard.core.task.TaskIds;
import dev.taskyard.embedded.EmbeddedDatabase;
import dev.taskyard.embedded.EmbeddedRedis;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.redisson.api.RBatch;
import org.redisson.api.RedissonClient;
import org.redisson.api.stream.StreamAddArgs;
import org.redisson.client.codec.StringCodec;

/**
 * Not a test: a benchmark that prints figures (see docs/benchmarks.md). Fills the streams of 10
 * queues with the events of {@code bench.tasks} tasks (submitted, started, then succeeded or
 * failed, in batches as the engine writes them), drains them through the archiver's own path
 * (XREADGROUP, fold, one PostgreSQL transaction, XACK and trim) on {@code bench.threads} lanes as
 * StreamArchiver runs them, then times filtered task-list pages over the resulting history and
 * prints their plans. With {@code bench.dir}, into the PostgreSQL kept in that directory (the
 * history {@link HistoryScaleBenchmark} loaded). Run with {@code ./mvnw -B -q -pl app -am test
 * -Dtest=HistoryBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class HistoryBenchmark {
  private static final int TASKS = Integer.getInteger("bench.tasks", 1_000_000);
  private static final int QUEUES = 10;
  private static final int PER_ENTRY = 50;
  // Ended attempts carry what they used, as the engine writes them (false: entries as before).
  private static final boolean USAGE =
      Boolean.parseBoolean(System.getProperty("bench.usage", "true"));
  private static final String[] TYPES = {
    "file.checksum", "file.inspect", "file.move", "report.build", "mail.send", "media.transcode"
  };

  @Test
  void run() throws Exception {
    try (EmbeddedRedis redis = EmbeddedRedis.start();
        EmbeddedDatabase database = HistoryScaleBenchmark.startDatabase();
        Taskyard taskyard = Taskyard.connect(redis.url());
        HikariDataSource dataSource = TestDatabases.pool(database)) {
      HistoryStore store = new HistoryStore();
      store.dataSource = dataSource;
      store.schema = TestDatabases.schema(dataSource);
      ArchiveStreams streams = new ArchiveStreams();
      streams.redisson = taskyard.redisson();
      streams.maxStreamEntries = 5_000_000;
      streams.init();

      List<String> queues = new ArrayList<>();
      long entries = 0;
      long fillStart = System.nanoTime();
      for (int q = 0; q < QUEUES; q++) {
        String queue = "bench-" + q;
        queues.add(queue);
        entries += fill(taskyard.redisson(), queue, TASKS / QUEUES);
      }
      System.out.printf(
          "stream entries written: %d in %.1f s%n", entries, (System.nanoTime() - fillStart) / 1e9);

      // Lanes as StreamArchiver runs them: queues split by hash, each lane one thread.
      int lanes = Integer.getInteger("bench.threads", 2);
      int batchEntries = Integer.getInteger("bench.batch", 500);
      AtomicLong rows = new AtomicLong();
      AtomicLongArray phaseNanos = new AtomicLongArray(3);
      ExecutorService pool = Executors.newFixedThreadPool(lanes);
      List<Future<?>> done = new ArrayList<>();
      long start = System.nanoTime();
      for (int lane = 0; lane < lanes; lane++) {
        int l = lane;
        done.add(
            pool.submit(
                () -> {
                  for (String queue : queues) {
                    if (Math.floorMod(queue.hashCode(), lanes) != l) {
                      continue;
                    }
                    while (true) {
                      long t0 = System.nanoTime();
                      List<EventEntry> read = streams.readNew(queue, "bench", batchEntries);
                      if (read.isEmpty()) {
                        break;
                      }
                      HistoryBatch batch =
                          HistoryBatch.of(read.stream().map(EventEntry::event).toList());
                      long t1 = System.nanoTime();
                      store.write(batch);
                      long t2 = System.nanoTime();
                      streams.acknowledge(queue, read);
                      long t3 = System.nanoTime();
                      phaseNanos.addAndGet(0, t1 - t0);
                      phaseNanos.addAndGet(1, t2 - t1);
                      phaseNanos.addAndGet(2, t3 - t2);
                      rows.addAndGet(batch.rows());
                    }
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      pool.shutdown();
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "archiver (%d lanes, %d entries a batch): %d tasks, %d rows in %.1f s:"
              + " %.0f tasks/s, %.0f rows/s%n",
          lanes, batchEntries, TASKS, rows.get(), seconds, TASKS / seconds, rows.get() / seconds);
      System.out.printf(
          "thread time: read+fold %.1f s, write %.1f s, ack+trim %.1f s%n",
          phaseNanos.get(0) / 1e9, phaseNanos.get(1) / 1e9, phaseNanos.get(2) / 1e9);
      System.out.println("archive lag after drain: " + streams.lag(queues));

      try (var c = dataSource.getConnection();
          var s = c.createStatement()) {
        s.execute("vacuum analyze task_history");
      }
      time(
          store, dataSource, "queue + state, newest first", q -> query(q, "SUCCEEDED", null, null));
      time(
          store,
          dataSource,
          "queue + type + failed",
          q -> query(q, "FAILED", "report.build", null));
      time(store, dataSource, "search error text", q -> query(null, null, null, "disk full"));
      time(
          store,
          dataSource,
          "search correlation id",
          q -> query(null, null, null, "order-" + Math.floorMod(q.hashCode(), 100_000)));
      time(store, dataSource, "all queues, 5th page", q -> fifthPage(store, q));
    }
  }

  private static long fill(RedissonClient redisson, String queue, int tasks) {
    String key = new QueueKeys(queue).events();
    long now = System.currentTimeMillis() - 3_600_000;
    long entries = 0;
    RBatch batch = redisson.createBatch();
    List<String> previous = null;
    for (int done = 0; done < tasks; done += PER_ENTRY) {
      List<String> ids = new ArrayList<>();
      StringBuilder types = new StringBuilder();
      StringBuilder priorities = new StringBuilder();
      StringBuilder states = new StringBuilder();
      StringBuilder correlations = new StringBuilder("[");
      for (int i = 0; i < PER_ENTRY; i++) {
        ids.add(TaskIds.next());
        String sep = i == 0 ? "" : " ";
        types.append(sep).append(TYPES[ThreadLocalRandom.current().nextInt(TYPES.length)]);
        priorities.append(sep).append(ThreadLocalRandom.current().nextInt(10));
        states.append(sep).append("QUEUED");
        correlations
            .append(i == 0 ? "" : ",")
            .append("\"order-")
            .append(ThreadLocalRandom.current().nextInt(100_000))
            .append('"');
      }
      now += 5;
      add(
          batch,
          key,
          fields(
              "submitted",
              now,
              ids,
              "types",
              types.toString(),
              "priorities",
              priorities.toString(),
              "states",
              states.toString(),
              "correlationIds",
              correlations.append(']').toString()));
      if (previous != null) {
        String attempts = String.join(" ", java.util.Collections.nCopies(previous.size(), "1"));
        add(
            batch,
            key,
            fields("started", now, previous, "worker", "bench-1", "attempts", attempts));
        List<String> failed = previous.subList(0, 2);
        List<String> succeeded = previous.subList(2, previous.size());
        add(batch, key, fields("succeeded", now + 2, succeeded, withUsage(succeeded.size())));
        add(
            batch,
            key,
            fields(
                "failed",
                now + 2,
                failed,
                withUsage(failed.size(), "error", "IOException: disk full on /data")));
        entries += 3;
      }
      previous = ids;
      entries++;
      if (done % (PER_ENTRY * 500) == 0) {
        batch.execute();
        batch = redisson.createBatch();
      }
    }
    batch.execute();
    return entries;
  }

  private static Map<String, String> fields(
      String type, long at, List<String> ids, String... extra) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("type", type);
    f.put("at", Long.toString(at));
    f.put("ids", String.join(" ", ids));
    for (int i = 0; i < extra.length; i += 2) {
      f.put(extra[i], extra[i + 1]);
    }
    return f;
  }

  /** {@code extra}, then the cpu and alloc fields of {@code tasks} attempts if {@code USAGE}. */
  private static String[] withUsage(int tasks, String... extra) {
    if (!USAGE) {
      return extra;
    }
    List<String> fields = new ArrayList<>(List.of(extra));
    fields.addAll(
        List.of(
            "cpu",
            String.join(" ", java.util.Collections.nCopies(tasks, "1834")),
            "alloc",
            String.join(" ", java.util.Collections.nCopies(tasks, "524288"))));
    return fields.toArray(String[]::new);
  }

  private static void add(RBatch batch, String key, Map<String, String> fields) {
    batch
        .<String, String>getStream(key, StringCodec.INSTANCE)
        .addAsync(StreamAddArgs.entries(fields));
  }

  static TaskQuery query(String queue, String state, String type, String text) {
    return new TaskQuery(
        Optional.ofNullable(queue),
        state == null ? Set.of() : Set.of(state),
        Optional.ofNullable(type),
        Optional.empty(),
        Optional.empty(),
        Optional.ofNullable(text),
        Optional.empty(),
        TaskSort.CREATED_AT,
        false,
        Optional.empty(),
        50);
  }

  static TaskQuery fifthPage(HistoryStore store, String queue) {
    TaskQuery first = query(null, null, null, null);
    TaskPage page = store.page(first);
    for (int i = 0; i < 3; i++) {
      page = store.page(withCursor(first, page.next().orElseThrow()));
    }
    return withCursor(first, page.next().orElseThrow());
  }

  private static TaskQuery withCursor(TaskQuery q, TaskCursor cursor) {
    return new TaskQuery(
        q.queue(),
        q.states(),
        q.type(),
        q.from(),
        q.to(),
        q.text(),
        q.errorPattern(),
        q.sort(),
        q.ascending(),
        Optional.of(cursor),
        q.limit());
  }

  interface QueryFor {
    TaskQuery make(String queue);
  }

  static void time(HistoryStore store, DataSource dataSource, String name, QueryFor queries)
      throws Exception {
    int runs = 300;
    long[] micros = new long[runs];
    int rows = 0;
    for (int i = -50; i < runs; i++) {
      TaskQuery query = queries.make("bench-" + Math.floorMod(i, QUEUES));
      long t0 = System.nanoTime();
      rows = store.page(query).tasks().size();
      if (i >= 0) {
        micros[i] = (System.nanoTime() - t0) / 1000;
      }
    }
    Arrays.sort(micros);
    // The plan of the last query, to see which index (if any) served it.
    try (var c = dataSource.getConnection();
        var s =
            HistoryStore.pageSql(queries.make("bench-0"))
                .prepare(c, "explain (analyze, costs off, timing off) ");
        var r = s.executeQuery()) {
      while (r.next()) {
        System.out.println("    " + r.getString(1));
      }
    }
    System.out.printf(
        "page %-30s rows %2d  p50 %6.2f ms  p95 %6.2f ms  p99 %6.2f ms%n",
        name,
        rows,
        micros[runs / 2] / 1000.0,
        micros[runs * 95 / 100] / 1000.0,
        micros[runs * 99 / 100] / 1000.0);
  }
}
