package dev.taskyard.app.history;

import static dev.taskyard.app.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.taskyard.app.ApiClient;
import dev.taskyard.app.ItQueues;
import dev.taskyard.app.Problems;
import dev.taskyard.app.TestStack;
import dev.taskyard.core.Taskyard;
import dev.taskyard.core.enqueue.TaskRequest;
import dev.taskyard.core.redis.QueueKeys;
import dev.taskyard.core.task.TaskRecord;
import dev.taskyard.core.worker.PermanentTaskFailure;
import dev.taskyard.core.worker.WorkerPool;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redisson.api.stream.StreamAddArgs;
import org.redisson.client.codec.StringCodec;

/**
 * The history plane black-box: tasks submitted and run by a producer and workers in this JVM, on
 * the Redis the deployed app shares, archived by the app into PostgreSQL and read back through
 * {@code /api/queue/tasks} and {@code /api/queue/task/{id}}.
 */
@ExtendWith(ArquillianExtension.class)
class HistoryIT {
  private static final Duration ARCHIVED = Duration.ofSeconds(60);
  private static final int ONE_MIB = 1024 * 1024;

  @ArquillianResource URL base;

  private final String queue = ItQueues.random();
  // Another queue the app's archiver serves on the same thread (lanes are chosen by hash).
  private final String neighbour = sameLane(queue);
  private Taskyard taskyard;
  private WorkerPool workers;

  @Deployment(testable = false)
  static WebArchive app() {
    return TestStack.war();
  }

  @BeforeEach
  void connect() {
    taskyard = Taskyard.connect(TestStack.REDIS.url());
  }

  @AfterEach
  void cleanUp() {
    if (workers != null) {
      workers.close();
    }
    for (String q : List.of(queue, neighbour)) {
      taskyard.redisson().getSet(QueueKeys.QUEUES, StringCodec.INSTANCE).remove(q);
      taskyard.redisson().getKeys().deleteByPattern("ty:{" + q + "}:*");
    }
    taskyard.close();
  }

  @Test
  void tasksRunByWorkersAppearInTheListWithTheirStatesAndTimeline() {
    startWorkers();
    String ok = submit(TaskRequest.of("it.ok", "{}").withCorrelationId("order 7"));
    String broken = submit(TaskRequest.of("it.broken", "{}"));

    JsonObject done = awaitTask(ok, "SUCCEEDED");
    awaitTask(broken, "FAILED");

    assertThat(done.getString("type")).isEqualTo("it.ok");
    assertThat(done.getString("correlationId")).isEqualTo("order 7");
    assertThat(done.getInt("attempts")).isEqualTo(1);
    assertThat(done.getString("worker")).isNotBlank();
    JsonObject detail = json(get("api/queue/task/" + ok)).asJsonObject();
    assertThat(events(detail)).containsExactly("submitted", "started", "succeeded");
    assertThat(detail.getString("payload")).isEqualTo("{}");
    assertThat(detail.getBoolean("live")).isTrue();
    JsonObject failed = json(get("api/queue/task/" + broken)).asJsonObject();
    assertThat(failed.getString("error")).contains("no such thing");
    assertThat(events(failed)).endsWith("failed");
  }

  @Test
  void aCorrelationIdWithAControlCharacterIsRefusedNamingIt() {
    HttpResponse<String> response =
        ApiClient.asAdmin(base)
            .post(
                "api/queue/tasks",
                "{\"queue\":\""
                    + queue
                    + "\",\"type\":\"it.ok\",\"payload\":{},\"correlationId\":\"a\\u0000b\"}");

    Problems.assertBadField(response, "correlationId");
    assertThat(taskyard.queues().queues()).doesNotContain(queue);
  }

  @Test
  void aTaskWhoseHandlerFailsWithANulInItsMessageIsArchived() {
    startWorkers();
    String id = submit(TaskRequest.of("it.nul", "{}"));

    JsonObject failed = awaitTask(id, "FAILED");

    assertThat(failed.getString("error")).contains("bad\uFFFDbyte");
  }

  @Test
  void aPoisonEntryIsQuarantinedWhileItsQueueAndItsLaneGoOn() {
    String before = submit(TaskRequest.of("it.ok", "{}"));
    // As a correlation id with a NUL was written before such ids were refused.
    Map<String, String> poison =
        Map.of(
            "type", "submitted",
            "at", Long.toString(System.currentTimeMillis()),
            "ids", UUID.randomUUID().toString(),
            "types", "it.ok",
            "correlationIds", "[\"a\\u0000b\"]");
    String poisonId =
        taskyard
            .redisson()
            .<String, String>getStream(new QueueKeys(queue).events(), StringCodec.INSTANCE)
            .add(StreamAddArgs.entries(poison))
            .toString();
    String after = submit(TaskRequest.of("it.ok", "{}"));
    String elsewhere = taskyard.producer().submit(neighbour, TaskRequest.of("it.ok", "{}")).id();

    awaitTask(before, "QUEUED");
    awaitTask(after, "QUEUED");
    awaitTask(elsewhere, "QUEUED");
    JsonArray setAside =
        await()
            .atMost(ARCHIVED)
            .until(
                () -> json(get("api/queue/archive/quarantine?queue=" + queue)).asJsonArray(),
                a -> !a.isEmpty());
    JsonObject entry = setAside.getJsonObject(0);
    assertThat(entry.getString("streamId")).isEqualTo(poisonId);
    assertThat(entry.getJsonObject("fields").getString("correlationIds"))
        .isEqualTo(poison.get("correlationIds"));
    assertThat(entry.getString("error")).isNotBlank();
    assertThat(archiveOf(statusOfQueue()).getInt("quarantined")).isEqualTo(1);
    await()
        .atMost(ARCHIVED)
        .until(() -> archiveOf(statusOfQueue()).getJsonNumber("pending").longValue() == 0);
  }

  @Test
  void filtersSearchAndSortNarrowTheList() {
    String low = submit(TaskRequest.of("it.mail", "{}").withPriority(1));
    String high = submit(TaskRequest.of("it.mail", "{}").withPriority(9));
    String report = submit(TaskRequest.of("it.report", "{}").withCorrelationId("Invoice-4711"));
    // A task id searched for finds the task, and the tasks correlated by it.
    String followUp = submit(TaskRequest.of("it.follow-up", "{}").withCorrelationId(report));
    awaitTask(low, "QUEUED");
    awaitTask(high, "QUEUED");
    awaitTask(report, "QUEUED");
    awaitTask(followUp, "QUEUED");

    assertThat(ids(list("queue=" + queue + "&type=it.mail&sort=priority&order=desc")))
        .containsExactly(high, low);
    assertThat(ids(list("queue=" + queue + "&q=" + enc("invoice-47")))).containsExactly(report);
    assertThat(ids(list("q=" + report))).containsExactlyInAnyOrder(report, followUp);
    assertThat(ids(list("queue=" + queue + "&state=QUEUED,RUNNING&sort=createdAt&order=asc")))
        .containsExactly(low, high, report, followUp);
    assertThat(ids(list("queue=" + queue + "&state=SUCCEEDED"))).isEmpty();
    assertThat(ids(list("queue=" + queue + "&from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z")))
        .isEmpty();
    assertThat(ids(list("queue=" + queue + "&q=" + enc("%")))).isEmpty();
  }

  @Test
  void keysetPagesHaveNoDuplicatesOrGapsWhileTasksAreInserted() {
    List<String> before = new ArrayList<>();
    IntStream.range(0, 25).forEach(i -> before.add(submit(TaskRequest.of("it.page", "{}"))));
    await()
        .atMost(ARCHIVED)
        .ignoreExceptions()
        .until(() -> ids(list("queue=" + queue + "&limit=500")).size() == 25);

    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      JsonObject page =
          json(get(
                  "api/queue/tasks?queue="
                      + queue
                      + "&limit=7"
                      + (cursor == null ? "" : "&cursor=" + cursor)))
              .asJsonObject();
      seen.addAll(ids(page));
      submit(TaskRequest.of("it.page", "{}"));
      // JSON-B leaves out a null next: the last page.
      cursor = page.containsKey("next") ? page.getString("next") : null;
    } while (cursor != null);

    assertThat(seen).doesNotHaveDuplicates().containsAll(before);
  }

  @Test
  void detailWorksForLiveArchivedOnlyUnknownAndMalformedIds() {
    String id = submit(TaskRequest.of("it.detail", "{\"n\":1}"));
    awaitTask(id, "QUEUED");

    // Past its Redis retention the task is only in the history.
    taskyard.redisson().getKeys().delete(new QueueKeys(queue).task(id));
    JsonObject archived = json(get("api/queue/task/" + id)).asJsonObject();
    assertThat(archived.getBoolean("live")).isFalse();
    assertThat(archived.getString("type")).isEqualTo("it.detail");
    assertThat(events(archived)).containsExactly("submitted");

    HttpResponse<String> unknown = get("api/queue/task/" + UUID.randomUUID());
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(get("api/queue/task/not-a-task").statusCode()).isEqualTo(400);
    assertThat(get("api/queue/task/1-2-3-4-5").statusCode()).isEqualTo(400);
  }

  @Test
  void aTaskOnlyTheHistoryHasKeepsTheCpuTimeAndMemoryItsWorkerMeasured() {
    startWorkers();
    String id = submit(TaskRequest.of("it.allocate", "{}"));
    JsonObject listed = awaitTask(id, "SUCCEEDED");
    TaskRecord live = taskyard.tasks().find(queue, id).orElseThrow();
    long cpuMicros = live.cpuTime().orElseThrow().toNanos() / 1000;
    long allocated = live.allocatedBytes().orElseThrow();

    // Past its Redis retention the task is only in the history.
    taskyard.redisson().getKeys().delete(new QueueKeys(queue).task(id));
    JsonObject archived = json(get("api/queue/task/" + id)).asJsonObject();

    assertThat(allocated).isGreaterThan(ONE_MIB);
    assertThat(archived.getBoolean("live")).isFalse();
    assertThat(List.of(listed, archived))
        .allSatisfy(
            task -> {
              assertThat(task.getJsonNumber("cpuTimeMicros").longValue()).isEqualTo(cpuMicros);
              assertThat(task.getJsonNumber("allocatedBytes").longValue()).isEqualTo(allocated);
            });
  }

  @Test
  void aTaskNotYetArchivedIsReadFromRedis() {
    // Nothing can be archived while PostgreSQL is away, but Redis has the task.
    TestStack.POSTGRES.stop();
    try {
      String id = submit(TaskRequest.of("it.live", "{}"));
      JsonObject live = json(get("api/queue/task/" + id)).asJsonObject();
      assertThat(live.getString("state")).isEqualTo("QUEUED");
      assertThat(live.getBoolean("historyAvailable")).isFalse();
    } finally {
      TestStack.POSTGRES.restart();
    }
  }

  @Test
  void badParametersAnswer400NamingTheParameter() {
    for (String[] bad :
        new String[][] {
          {"state=DONE", "state"},
          {"limit=100000", "limit"},
          {"sort=" + enc("id; drop table task_history"), "sort"},
          {"from=yesterday", "from"},
          {"cursor=abc", "cursor"},
          {"queue=" + enc("no such queue!"), "queue"},
          {"order=sideways", "order"}
        }) {
      HttpResponse<String> response = get("api/queue/tasks?" + bad[0]);
      assertThat(response.statusCode()).as(bad[0]).isEqualTo(400);
      assertThat(response.headers().firstValue("Content-Type"))
          .contains("application/problem+json");
      assertThat(json(response).asJsonObject().getString("field")).isEqualTo(bad[1]);
    }
  }

  @Test
  void insightsCountTheTypesAndGroupTheErrorsWhoseShapeFindsTheTasksThatFailed() {
    startWorkers();
    String from = Instant.now().minus(Duration.ofMinutes(1)).toString();
    String ok = submit(TaskRequest.of("it.ok", "{}"));
    List<String> broken =
        List.of(
            submit(TaskRequest.of("it.broken", "{}")), submit(TaskRequest.of("it.broken", "{}")));
    awaitTask(ok, "SUCCEEDED");
    broken.forEach(id -> awaitTask(id, "FAILED"));

    JsonObject insights =
        json(get("api/queue/insights?queue=" + queue + "&from=" + from)).asJsonObject();

    assertThat(insights.getString("queue")).isEqualTo(queue);
    assertThat(insights.getJsonArray("types").getValuesAs(JsonObject.class))
        .extracting(
            t -> t.getString("type"),
            t -> t.getInt("tasks"),
            t -> t.getInt("failed"),
            t -> t.getJsonNumber("successRate").doubleValue())
        .containsExactly(tuple("it.broken", 2, 2, 0.0), tuple("it.ok", 1, 0, 1.0));
    JsonObject error = insights.getJsonArray("errors").getJsonObject(0);
    assertThat(insights.getJsonArray("errors")).hasSize(1);
    assertThat(error.getInt("tasks")).isEqualTo(2);
    assertThat(error.getString("message")).endsWith("no such thing");
    assertThat(ids(list("queue=" + queue + "&error=" + enc(error.getString("pattern")))))
        .containsExactlyInAnyOrderElementsOf(broken);
  }

  @Test
  void badInsightParametersAnswer400NamingTheParameter() {
    for (String[] bad :
        new String[][] {
          {"", "from"},
          {"from=yesterday", "from"},
          {"from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", "to"},
          {"from=2026-01-01T00:00:00Z&queue=" + enc("no such queue!"), "queue"},
          {"from=2026-01-01T00:00:00Z&limit=101", "limit"}
        }) {
      Problems.assertBadField(get("api/queue/insights?" + bad[0]), bad[1]);
    }
  }

  @Test
  void historyIsCompleteAfterAPostgresqlOutageWithNothingLostOrDuplicated() {
    startWorkers();
    List<String> ids = new ArrayList<>();
    TestStack.POSTGRES.stop();
    try {
      IntStream.range(0, 40).forEach(i -> ids.add(submit(TaskRequest.of("it.ok", "{}"))));
      await()
          .atMost(ARCHIVED)
          .until(() -> taskyard.stats().status(queue).totals().succeeded() == 40);
      JsonObject lag = archiveOf(statusOfQueue());
      assertThat(lag.getJsonNumber("pending").longValue()).isPositive();
    } finally {
      TestStack.POSTGRES.restart();
    }

    // The history answers 503 until its pool and circuit breaker see PostgreSQL again.
    await()
        .atMost(Duration.ofSeconds(120))
        .ignoreExceptions()
        .until(() -> ids(list("queue=" + queue + "&state=SUCCEEDED&limit=500")).size() == 40);
    assertThat(ids(list("queue=" + queue + "&limit=500"))).containsExactlyInAnyOrderElementsOf(ids);
    for (String id : ids.subList(0, 5)) {
      assertThat(events(json(get("api/queue/task/" + id)).asJsonObject()))
          .containsExactly("submitted", "started", "succeeded");
    }
    await()
        .atMost(ARCHIVED)
        .untilAsserted(
            () ->
                assertThat(archiveOf(statusOfQueue()).getJsonNumber("pending").longValue())
                    .isZero());
  }

  @Test
  void theHistoryHealthReportsTheArchiveLag() {
    JsonObject health = json(get("health/history")).asJsonObject();

    JsonObject archive =
        health.getJsonArray("checks").stream()
            .map(JsonValue::asJsonObject)
            .filter(c -> c.getString("name").equals("archive"))
            .findFirst()
            .orElseThrow();
    assertThat(archive.getString("status")).isEqualTo("UP");
    assertThat(archive.getJsonObject("data").containsKey("oldestAgeMs")).isTrue();
  }

  private void startWorkers() {
    workers =
        taskyard
            .workerPool()
            .queue(queue, 4)
            .handler("it.ok", task -> "\"done\"")
            .handler("it.allocate", task -> Integer.toString(new byte[2 * ONE_MIB].length))
            .handler(
                "it.nul",
                task -> {
                  throw new PermanentTaskFailure("bad\u0000byte");
                })
            .handler(
                "it.broken",
                task -> {
                  throw new PermanentTaskFailure("no such thing");
                })
            .start();
  }

  private static String sameLane(String queue) {
    String other;
    do {
      other = ItQueues.random();
    } while (Math.floorMod(other.hashCode(), 2) != Math.floorMod(queue.hashCode(), 2));
    return other;
  }

  private String submit(TaskRequest request) {
    return taskyard.producer().submit(queue, request).id();
  }

  private JsonObject awaitTask(String id, String state) {
    // A previous test may have stopped PostgreSQL: 503s are answers to wait through here.
    return await()
        .atMost(ARCHIVED)
        .ignoreExceptions()
        .until(
            () ->
                list("q=" + id).getJsonArray("tasks").stream()
                    .map(JsonValue::asJsonObject)
                    .filter(t -> t.getString("state").equals(state))
                    .findFirst()
                    .orElse(null),
            t -> t != null);
  }

  private JsonObject list(String query) {
    HttpResponse<String> response = get("api/queue/tasks?" + query);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json(response).asJsonObject();
  }

  private JsonObject statusOfQueue() {
    return json(get("api/queue/status")).asJsonArray().stream()
        .map(JsonValue::asJsonObject)
        .filter(s -> s.getString("queue").equals(queue))
        .findFirst()
        .orElseThrow();
  }

  private static JsonObject archiveOf(JsonObject status) {
    return status.getJsonObject("archive");
  }

  private static List<String> ids(JsonObject page) {
    return page.getJsonArray("tasks").stream().map(t -> t.asJsonObject().getString("id")).toList();
  }

  private static List<String> events(JsonObject detail) {
    JsonArray timeline = detail.getJsonArray("timeline");
    return timeline.stream().map(t -> t.asJsonObject().getString("event")).toList();
  }

  private HttpResponse<String> get(String path) {
    return ApiClient.asAdmin(base).get(path);
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
