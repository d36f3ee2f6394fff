package dev.taskyard.app.metrics;

import static dev.taskyard.app.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskyard.app.ApiClient;
import dev.taskyard.app.TestStack;
import dev.taskyard.core.Taskyard;
import dev.taskyard.core.enqueue.TaskRequest;
import dev.taskyard.core.redis.QueueKeys;
import dev.taskyard.core.stats.QueueStatus;
import dev.taskyard.core.worker.PermanentTaskFailure;
import dev.taskyard.core.worker.WorkerPool;
import dev.taskyard.embedded.EmbeddedDatabase;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redisson.api.RBucket;
import org.redisson.client.codec.StringCodec;

/**
 * The time series on a real Payara Micro sampling every second (see {@code arquillian.xml}),
 * against the real Redis and PostgreSQL of {@link TestStack}; tasks run on a worker pool in this
 * JVM.
 */
@ExtendWith(ArquillianExtension.class)
class MetricsIT {
  private static final String TYPE = "it.work";
  private static final Duration WAIT = Duration.ofSeconds(60);

  @ArquillianResource URL base;

  private final String queue = "it-" + UUID.randomUUID().toString().substring(0, 12);
  private Taskyard taskyard;

  @Deployment(testable = false)
  static WebArchive app() {
    return TestStack.war();
  }

  @BeforeEach
  void connect() {
    taskyard = Taskyard.connect(TestStack.REDIS.url());
  }

  @AfterEach
  void cleanUp() throws SQLException {
    taskyard.redisson().getKeys().deleteByPattern("ty:{" + queue + "}:*");
    taskyard.redisson().getSet(QueueKeys.QUEUES, StringCodec.INSTANCE).remove(queue);
    taskyard.close();
    try (Connection c = database()) {
      for (String table : List.of("queue_metrics", "queue_metrics_cursor")) {
        try (PreparedStatement s =
            c.prepareStatement("delete from " + table + " where queue = ?")) {
          s.setString(1, queue);
          s.executeUpdate();
        }
      }
    }
  }

  @Test
  void theSeriesCountsTheTasksRunAndShowsPlausibleLatenciesAndLevels() {
    Instant from = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(1));
    runTasks(6, 2);

    String path = seriesPath(from);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              List<JsonObject> points = points(get(path));
              assertThat(sum(points, "enqueued")).isEqualTo(8);
              assertThat(sum(points, "succeeded")).isEqualTo(6);
              assertThat(sum(points, "failed")).isEqualTo(2);
              assertThat(sum(points, "deadLettered")).isEqualTo(2);
              assertThat(
                      points.stream()
                          .mapToLong(p -> latency(p, "duration").getJsonNumber("count").longValue())
                          .sum())
                  .isEqualTo(8);
            });

    HttpResponse<String> response = get(path);
    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject body = json(response).asJsonObject();
    assertThat(body.getString("step")).isEqualTo("PT1M");
    assertThat(body.getString("resolution")).isEqualTo("raw");
    List<JsonObject> points = points(response);
    assertThat(points).hasSize(10);
    for (JsonObject point : points) {
      JsonObject duration = latency(point, "duration");
      if (duration.getJsonNumber("count").longValue() > 0) {
        double min = number(duration, "minMs");
        double p50 = number(duration, "p50Ms");
        double p95 = number(duration, "p95Ms");
        double p99 = number(duration, "p99Ms");
        assertThat(min).isNotNegative().isLessThanOrEqualTo(number(duration, "avgMs"));
        assertThat(number(duration, "avgMs")).isLessThanOrEqualTo(number(duration, "maxMs"));
        assertThat(p50).isLessThanOrEqualTo(p95);
        assertThat(p95).isLessThanOrEqualTo(p99);
        assertThat(p99).isLessThanOrEqualTo(number(duration, "maxMs"));
        assertThat(number(point, "throughputPerMinute")).isPositive();
        assertThat(number(point, "errorRate")).isBetween(0.0, 1.0);
        assertThat(latency(point, "waitTime").getJsonNumber("count").longValue()).isPositive();
      }
    }
    assertThat(points)
        .anySatisfy(
            p ->
                assertThat(number(p.getJsonObject("gauges").getJsonObject("workerThreads"), "max"))
                    .isEqualTo(2.0));
  }

  @Test
  void queueStatusShowsTheRatesOfTheLastMinute() {
    runTasks(3, 1);

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              JsonObject status =
                  json(get("api/queue/status")).asJsonArray().stream()
                      .map(JsonValue::asJsonObject)
                      .filter(s -> s.getString("queue").equals(queue))
                      .findFirst()
                      .orElseThrow();
              JsonObject rates = status.getJsonObject("rates");
              assertThat(rates).isNotNull();
              assertThat(number(rates, "succeededPerMinute")).isPositive();
              assertThat(number(rates, "failedPerMinute")).isPositive();
            });
  }

  @Test
  void hourAndDayRollupsEqualTheSumsOfTheirRows() {
    runTasks(4, 1);

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              Map<Instant, List<Long>> hours = rows("hour");
              assertThat(hours.values().stream().mapToLong(c -> c.get(1)).sum()).isEqualTo(4);
              assertThat(hours).isEqualTo(sumsBy(rows("raw"), ChronoUnit.HOURS));
              assertThat(rows("day")).isEqualTo(sumsBy(hours, ChronoUnit.DAYS));
            });
  }

  @Test
  void tasksFinishedWhilePostgresqlWasDownAreCountedOnceItIsBack() {
    Instant from = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(1));
    runTasks(2, 0);

    TestStack.POSTGRES.stop();
    try (WorkerPool pool = startWorkers()) {
      submit(3, 1);
      awaitTotals(5, 1);
    } finally {
      TestStack.POSTGRES.restart();
    }

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              List<JsonObject> points = points(get(seriesPath(from)));
              assertThat(sum(points, "succeeded")).isEqualTo(5);
              assertThat(sum(points, "deadLettered")).isEqualTo(1);
            });
  }

  @Test
  void onlyTheNodeHoldingTheSamplerLeaseSamples() {
    RBucket<String> lease =
        taskyard.redisson().getBucket(ClusterLease.KEY_PREFIX + "sampler", StringCodec.INSTANCE);
    lease.set("another-node", Duration.ofMinutes(1));
    try {
      submit(1, 0);

      // Three sample steps of the app (one second each in the tests) pass without a sample.
      await().during(Duration.ofSeconds(3)).atMost(WAIT).until(() -> rows("raw").isEmpty());
    } finally {
      lease.delete();
    }

    await().atMost(WAIT).until(() -> !rows("raw").isEmpty());
  }

  @Test
  void retentionRemovesRowsOlderThanTheirResolutionKeeps() throws SQLException {
    // PostgreSQL keeps microseconds and rounds the rest: store only what it can hold.
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    Instant recent = now.minus(Duration.ofMinutes(5));
    insertRow("raw", recent);
    insertRow("raw", now.minus(Duration.ofDays(3)));
    insertRow("hour", now.minus(Duration.ofDays(31)).truncatedTo(ChronoUnit.HOURS));
    insertRow("day", now.minus(Duration.ofDays(731)).truncatedTo(ChronoUnit.DAYS));

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(rows("raw").keySet()).containsExactly(recent);
              assertThat(rows("hour").keySet())
                  .allMatch(t -> t.isAfter(now.minus(Duration.ofDays(1))));
              assertThat(rows("day").keySet())
                  .allMatch(t -> t.isAfter(now.minus(Duration.ofDays(2))));
            });
  }

  @Test
  void missingOrMalformedParametersAnswer400NamingTheParameter() {
    taskyard.producer().submit(queue, TaskRequest.of(TYPE, "{}"));
    String q = "queue=" + queue;
    String from = Instant.now().minus(Duration.ofHours(1)).toString();
    String before = Instant.now().minus(Duration.ofHours(2)).toString();
    String longAgo = Instant.now().minus(Duration.ofDays(365)).toString();
    Map<String, String> cases =
        Map.of(
            "api/queue/metrics?from=" + from,
            "queue",
            "api/queue/metrics?" + q,
            "from",
            "api/queue/metrics?" + q + "&from=yesterday",
            "from",
            "api/queue/metrics?" + q + "&from=" + from + "&to=" + before,
            "from",
            "api/queue/metrics?" + q + "&from=" + from + "&to=soon",
            "to",
            "api/queue/metrics?" + q + "&from=" + from + "&step=" + encode("1 week"),
            "step",
            "api/queue/metrics?" + q + "&from=" + longAgo + "&step=1s",
            "step");

    cases.forEach(
        (path, parameter) -> {
          HttpResponse<String> response = get(path);
          assertThat(response.statusCode()).as(path).isEqualTo(400);
          assertThat(response.headers().firstValue("Content-Type"))
              .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
          assertThat(json(response).asJsonObject().getString("field"))
              .as(path)
              .isEqualTo(parameter);
        });
  }

  @Test
  void aLongRangeWithoutAStepIsAnsweredAtTheResolutionThatFitsIt() {
    taskyard.producer().submit(queue, TaskRequest.of(TYPE, "{}"));
    Instant from = Instant.now().minus(Duration.ofDays(400));

    HttpResponse<String> response = get("api/queue/metrics?queue=" + queue + "&from=" + from);

    JsonObject body = json(response).asJsonObject();
    assertThat(body.getString("resolution")).isEqualTo("day");
    assertThat(body.getString("step")).isEqualTo("PT24H");
    assertThat(points(response)).hasSizeBetween(400, 401);
  }

  @Test
  void anUnknownQueueAnswers404() {
    HttpResponse<String> response =
        get(
            "api/queue/metrics?queue="
                + queue
                + "&from="
                + Instant.now().minus(Duration.ofDays(30)));

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(json(response).asJsonObject().getString("field")).isEqualTo("queue");
  }

  /**
   * Runs {@code succeeding} tasks that succeed and {@code failing} that are dead-lettered, and
   * keeps the workers up until a sample has seen them.
   */
  private void runTasks(int succeeding, int failing) {
    try (WorkerPool pool = startWorkers()) {
      submit(succeeding, failing);
      awaitTotals(succeeding, failing);
      await().atMost(WAIT).until(() -> rows("raw").size() > 1 && maxWorkerThreads() > 0);
    }
  }

  private WorkerPool startWorkers() {
    return taskyard
        .workerPool()
        .queue(queue, 2)
        .handler(
            TYPE,
            task -> {
              if (task.payload().contains("fail")) {
                throw new PermanentTaskFailure("asked to fail");
              }
              return null;
            })
        .start();
  }

  private void submit(int succeeding, int failing) {
    for (int i = 0; i < succeeding; i++) {
      taskyard.producer().submit(queue, TaskRequest.of(TYPE, "{\"n\":" + i + "}"));
    }
    for (int i = 0; i < failing; i++) {
      taskyard.producer().submit(queue, TaskRequest.of(TYPE, "{\"fail\":" + i + "}"));
    }
  }

  /** Waits until the queue's totals show {@code succeeded} and {@code deadLettered} tasks. */
  private void awaitTotals(long succeeded, long deadLettered) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              QueueStatus.Totals totals = taskyard.stats().status(queue).totals();
              assertThat(totals.succeeded()).isEqualTo(succeeded);
              assertThat(totals.deadLettered()).isEqualTo(deadLettered);
            });
  }

  private double maxWorkerThreads() throws SQLException {
    try (Connection c = database();
        PreparedStatement s =
            c.prepareStatement(
                "select coalesce(max(gauge_maxes[5]), 0) from queue_metrics where queue = ? and"
                    + " resolution = 'raw'")) {
      s.setString(1, queue);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getDouble(1);
      }
    }
  }

  /** The counters of this queue's rows of {@code resolution}, by bucket start. */
  private Map<Instant, List<Long>> rows(String resolution) throws SQLException {
    Map<Instant, List<Long>> rows = new HashMap<>();
    try (Connection c = database();
        PreparedStatement s =
            c.prepareStatement(
                "select bucket_start, counters from queue_metrics where queue = ? and resolution"
                    + " = ?")) {
      s.setString(1, queue);
      s.setString(2, resolution);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          List<Long> counters = new ArrayList<>();
          for (Object value : (Object[]) r.getArray(2).getArray()) {
            counters.add(((Number) value).longValue());
          }
          rows.put(r.getTimestamp(1).toInstant(), counters);
        }
      }
    }
    return rows;
  }

  /** The element-wise sums of {@code rows} by the {@code unit} they start in. */
  private static Map<Instant, List<Long>> sumsBy(Map<Instant, List<Long>> rows, ChronoUnit unit) {
    Map<Instant, List<Long>> sums = new HashMap<>();
    rows.forEach((t, counters) -> sums.merge(t.truncatedTo(unit), counters, MetricsIT::plus));
    return sums;
  }

  private static List<Long> plus(List<Long> a, List<Long> b) {
    List<Long> sum = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      sum.add(a.get(i) + b.get(i));
    }
    return sum;
  }

  private void insertRow(String resolution, Instant bucketStart) throws SQLException {
    try (Connection c = database();
        PreparedStatement s =
            c.prepareStatement(
                "insert into queue_metrics (queue, resolution, bucket_start, interval_ms, samples,"
                    + " counters, gauge_sums, gauge_maxes, duration_buckets, duration_sum_ms,"
                    + " wait_buckets, wait_sum_ms) values (?, ?, ?, 10000, 1, ?, ?, ?, ?, 0, ?, 0)")) {
      Long[] zeros = new Long[Histogram.SIZE];
      Arrays.fill(zeros, 0L);
      Double[] levels = new Double[Gauge.values().length];
      Arrays.fill(levels, 0.0);
      Array counters = c.createArrayOf("bigint", new Long[] {1L, 1L, 0L, 0L, 0L});
      Array gauges = c.createArrayOf("float8", levels);
      Array buckets = c.createArrayOf("bigint", zeros);
      s.setString(1, queue);
      s.setString(2, resolution);
      s.setTimestamp(3, Timestamp.from(bucketStart));
      s.setArray(4, counters);
      s.setArray(5, gauges);
      s.setArray(6, gauges);
      s.setArray(7, buckets);
      s.setArray(8, buckets);
      s.executeUpdate();
    }
  }

  private static Connection database() throws SQLException {
    return DriverManager.getConnection(TestStack.POSTGRES.jdbcUrl(), EmbeddedDatabase.USER, null);
  }

  /** Ten one-minute points from {@code from}. */
  private String seriesPath(Instant from) {
    return "api/queue/metrics?queue="
        + queue
        + "&from="
        + from
        + "&to="
        + from.plus(Duration.ofMinutes(10))
        + "&step=1m";
  }

  private HttpResponse<String> get(String path) {
    return ApiClient.asAdmin(base).get(path);
  }

  private static List<JsonObject> points(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json(response)
        .asJsonObject()
        .getJsonArray("series")
        .getJsonObject(0)
        .getJsonArray("points")
        .stream()
        .map(JsonValue::asJsonObject)
        .toList();
  }

  private static long sum(List<JsonObject> points, String field) {
    return points.stream().mapToLong(p -> p.getJsonNumber(field).longValue()).sum();
  }

  private static JsonObject latency(JsonObject point, String field) {
    return point.getJsonObject(field);
  }

  private static double number(JsonObject object, String field) {
    assertThat(object).as("object with " + field).isNotNull();
    JsonNumber n = object.getJsonNumber(field);
    assertThat(n).as(field + " in " + object).isNotNull();
    return n.doubleValue();
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
