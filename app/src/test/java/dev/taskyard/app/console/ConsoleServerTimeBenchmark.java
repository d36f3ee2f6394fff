package dev.taskyard.app.console;

import static org.awaitility.Awaitility.await;

import dev.taskyard.app.ApiClient;
import dev.taskyard.app.Browser;
import dev.taskyard.app.ItQueues;
import dev.taskyard.app.TestStack;
import dev.taskyard.core.Taskyard;
import dev.taskyard.core.enqueue.TaskRequest;
import dev.taskyard.core.worker.WorkerPool;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Not a test: a benchmark that prints figures (docs/benchmarks.md), on a real Payara Micro with the
 * test stack's Redis and PostgreSQL. With 100 queues holding tasks, workers on ten of them (one
 * task type failing), metric samples for all, it times the server's answer to GETs from this JVM
 * over loopback (after warm-up): the dashboard as a signed-in person gets it; then, once {@code
 * bench.rows} history rows spread over the last 24 hours are inserted with SQL, the dashboard again
 * (without its type breakdown and top errors, which it fetches after it shows), those alone as the
 * dashboard fetches them, the task list filtered, in the console and through the API, and the
 * insights endpoint. Run with {@code ./mvnw -B -q -pl app -am verify -P'!current-redis'
 * -Dit.test=ConsoleServerTimeBenchmark -Dtest=None -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@ExtendWith(ArquillianExtension.class)
class ConsoleServerTimeBenchmark {
  private static final int QUEUES = 100;
  private static final int ROWS = Integer.getInteger("bench.rows", 1_000_000);
  private static final int RUNS = Integer.getInteger("bench.runs", 200);
  private static final int WARM_UP = 30;

  // Rows for ten of the queues, one every 86 ms over 24 hours (ROWS = 1,000,000), their ids UUIDv7
  // of that time (the creation time is the id's, see V14__task_history_weekly_partitions.sql); 1 in
  // 50 failed with one of three errors, the first with a number that varies; the tenth queue has no
  // failed row.
  private static final String HISTORY =
      """
      insert into task_history (id, queue, type, state, priority, attempts, error, worker,
        created_at, started_at, finished_at, updated_at, stream_ms, stream_seq)
      select id,
        (?::text[])[case when i % 50 = 0 then 1 + (i / 50) % 9 else 1 + (i / 7) % 10 end],
        (array['file.checksum', 'file.inspect', 'file.move', 'report.build', 'mail.send',
               'media.transcode'])[1 + i % 6],
        case when i % 50 = 0 then 'FAILED' else 'SUCCEEDED' end, i % 10, 1,
        case when i % 50 = 0 then
          case (i / 50) % 3
            when 0 then 'java.util.concurrent.TimeoutException: timeout after ' || i % 997 || ' ms'
            when 1 then 'java.io.IOException: disk full on /data'
            else 'java.lang.IllegalStateException: no order ''' || i || ''' in the shop' end
        end,
        'bench-node', t, t + interval '5 ms', t + (5 + i % 400) * interval '1 ms',
        t + (5 + i % 400) * interval '1 ms', 0, i
      from (select i, id, task_created_at(id) as t
            from (select i, uuidv7(now() - interval '24 hours' + i * (interval '24 hours' / ?)
                                   - clock_timestamp()) as id
                  from generate_series(1, ?) i) ids) g
      """;

  @ArquillianResource URL base;

  @Deployment(testable = false)
  static WebArchive app() {
    return TestStack.war();
  }

  @Test
  void run() throws Exception {
    List<String> queues = new ArrayList<>();
    for (int i = 0; i < QUEUES; i++) {
      queues.add(ItQueues.random());
    }
    List<String> worked = queues.subList(0, 10);
    try (Taskyard taskyard = Taskyard.connect(TestStack.REDIS.url());
        Browser browser = Browser.start();
        var database = TestStack.database()) {
      WorkerPool.Builder builder = taskyard.workerPool();
      worked.forEach(q -> builder.queue(q, 1));
      try (WorkerPool pool =
          builder
              .handler("bench.ok", t -> null)
              .handler(
                  "bench.broken",
                  t -> {
                    throw new IllegalStateException("timeout after " + t.id().hashCode() + " ms");
                  })
              .start()) {
        for (String queue : queues) {
          for (int i = 0; i < 10; i++) {
            taskyard
                .producer()
                .submit(
                    queue,
                    TaskRequest.of(i % 5 == 0 ? "bench.broken" : "bench.ok", "{}")
                        .withMaxAttempts(1));
          }
        }
        // Metric samples of every queue, and the worked queues' tasks in the history.
        awaitCount(
            database,
            "select count(distinct queue) from queue_metrics where queue = any(?::text[])",
            queues,
            QUEUES);
        awaitCount(
            database,
            "select count(*) from task_history where queue = any(?::text[])"
                + " and state in ('SUCCEEDED', 'FAILED')",
            worked,
            100);
      }

      ConsolePage console = new ConsolePage(browser, base);
      console.signedInAs(ApiClient.ADMIN_USER, ApiClient.ADMIN_PASSWORD);
      String cookies =
          browser.driver().manage().getCookies().stream()
              .map(c -> c.getName() + "=" + c.getValue())
              .collect(Collectors.joining("; "));
      Page page = new Page(base, cookies);
      ApiClient api = ApiClient.asAdmin(base);

      time("dashboard, 100 queues, 1 h", () -> page.get("console/index.xhtml"));

      long start = System.nanoTime();
      try (Connection c = database.getConnection();
          PreparedStatement insert = c.prepareStatement(HISTORY)) {
        insert.setArray(1, c.createArrayOf("text", worked.toArray()));
        insert.setInt(2, ROWS);
        insert.setInt(3, ROWS);
        insert.executeUpdate();
        try (Statement s = c.createStatement()) {
          s.execute("vacuum analyze task_history");
        }
      }
      System.out.printf(
          "%,d history rows inserted and analysed in %.1f s%n",
          ROWS, (System.nanoTime() - start) / 1e9);

      String queue = worked.get(3);
      String from = Instant.now().minus(Duration.ofHours(24)).toString();
      String failed = "queue=" + queue + "&state=FAILED";
      // Its only failed tasks are the few that ran before the rows were inserted.
      String rarelyFailed = "queue=" + worked.get(9) + "&state=FAILED";
      String typed = "queue=" + queue + "&type=report.build&from=" + enc(from);
      String shaped =
          "queue="
              + queue
              + "&state=FAILED&error="
              + enc("java.util.concurrent.TimeoutException: timeout after * ms");
      for (String filter : List.of(failed, rarelyFailed, typed, shaped)) {
        time("console task list, " + filter, () -> page.get("console/tasks/list.xhtml?" + filter));
        time("API task list, " + filter, () -> status(api.get("api/queue/tasks?" + filter)));
      }
      time("dashboard, 100 queues, 1 h, 1M rows", () -> page.get("console/index.xhtml"));
      time("dashboard, 100 queues, 24 h, 1M rows", () -> page.get("console/index.xhtml?range=24h"));
      time(
          "dashboard, one queue, 24 h, 1M rows",
          () -> page.get("console/index.xhtml?range=24h&queue=" + queue));

      time(
          "dashboard insights (fetched after the page), 1 h, 1M rows",
          () -> page.get("console/dashboard/insights.xhtml?range=1h"));
      time(
          "dashboard insights (fetched after the page), 24 h, one queue, 1M rows",
          () -> page.get("console/dashboard/insights.xhtml?range=24h&queue=" + queue));
      time("API insights, 24 h", () -> status(api.get("api/queue/insights?from=" + enc(from))));
      time(
          "API insights, 24 h, one queue",
          () -> status(api.get("api/queue/insights?from=" + enc(from) + "&queue=" + queue)));
      String hour = Instant.now().minus(Duration.ofHours(1)).toString();
      time("API insights, 1 h", () -> status(api.get("api/queue/insights?from=" + enc(hour))));
    } finally {
      try (Taskyard taskyard = Taskyard.connect(TestStack.REDIS.url())) {
        queues.forEach(q -> ItQueues.delete(taskyard, q));
      }
    }
  }

  /**
   * Times {@code request} (which answers its HTTP status) after a warm-up, and prints it: {@link
   * #RUNS} requests, or as many as a minute holds (at least 20) for slow ones.
   */
  private static void time(String what, Supplier<Integer> request) {
    long warmUpEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    for (int i = 0; i < WARM_UP && System.nanoTime() < warmUpEnd; i++) {
      answered(what, request);
    }
    List<Long> micros = new ArrayList<>();
    long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (micros.size() < RUNS && (micros.size() < 20 || System.nanoTime() < end)) {
      long t0 = System.nanoTime();
      answered(what, request);
      micros.add((System.nanoTime() - t0) / 1000);
    }
    Collections.sort(micros);
    int n = micros.size();
    System.out.printf(
        "%-100s n %3d  p50 %7.1f ms  p95 %7.1f ms  p99 %7.1f ms%n",
        what,
        n,
        micros.get(n / 2) / 1000.0,
        micros.get(n * 95 / 100) / 1000.0,
        micros.get(n * 99 / 100) / 1000.0);
  }

  private static void answered(String what, Supplier<Integer> request) {
    int status = request.get();
    if (status != 200) {
      throw new IllegalStateException(what + " answered " + status);
    }
  }

  /** The console's pages, with the session of the browser that signed in. */
  private record Page(URL base, String cookies) {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    int get(String path) {
      try {
        HttpResponse<String> response =
            HTTP.send(
                HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", cookies).build(),
                HttpResponse.BodyHandlers.ofString());
        // A page that lost the session answers the sign-in page.
        return response.body().contains("sign-in:password") ? 401 : response.statusCode();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static int status(HttpResponse<String> response) {
    return response.statusCode();
  }

  /** Waits until {@code sql}, given {@code queues} as its parameter, counts {@code expected}. */
  private static void awaitCount(
      DataSource database, String sql, List<String> queues, long expected) {
    await()
        .atMost(Duration.ofMinutes(2))
        .until(
            () -> {
              try (Connection c = database.getConnection();
                  PreparedStatement s = c.prepareStatement(sql)) {
                s.setArray(1, c.createArrayOf("text", queues.toArray()));
                try (ResultSet r = s.executeQuery()) {
                  r.next();
                  return r.getLong(1) == expected;
                }
              }
            });
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
