package dev.taskyard.app.health;

import static dev.taskyard.app.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskyard.app.ApiClient;
import dev.taskyard.app.ItQueues;
import dev.taskyard.app.PayaraNode;
import dev.taskyard.app.TestStack;
import dev.taskyard.core.Taskyard;
import dev.taskyard.core.worker.WorkerPool;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stopped under load, on a node of its own whose archive may lag only a few seconds: the
 * node stays ready and serves submit and status from Redis, and the history catches up afterwards.
 */
class PostgresqlOutageIT {
  /**
   * How long PostgreSQL stays down at least: a minute, or {@code
   * taskyard.it.postgres-outage-seconds}. The test keeps it down past that until every PostgreSQL
   * adapter has been seen refusing (their timeouts passed, their breakers open) and the archive lag
   * is over its limit.
   */
  private static final Duration OUTAGE =
      Duration.ofSeconds(Long.getLong("taskyard.it.postgres-outage-seconds", 60));

  private static final long MAX_LAG_SECONDS = 5;
  private static final Duration CATCH_UP = Duration.ofMinutes(3);

  /** What needs PostgreSQL: the health of the history plane and the endpoints that read it. */
  private static final Set<String> HISTORY_PLANE =
      Set.of("postgresql", "archive", "task list", "metrics", "alerts");

  private static PayaraNode node;
  private static Taskyard taskyard;
  private static WorkerPool workers;
  private static final String QUEUE = ItQueues.random();

  @BeforeAll
  static void startNodeAndWorkers() {
    node =
        PayaraNode.start(
            "it-postgresql-outage-node",
            Path.of(System.getProperty("taskyard.it.war")),
            Map.of("taskyard.archive.max-lag-seconds", Long.toString(MAX_LAG_SECONDS)));
    taskyard = Taskyard.connect(TestStack.REDIS.url());
    workers = taskyard.workerPool().queue(QUEUE, 4).handler("it.outage", task -> "1").start();
  }

  @AfterAll
  static void stop() {
    try {
      workers.close();
      ItQueues.delete(taskyard, QUEUE);
      taskyard.close();
    } finally {
      node.close();
    }
  }

  @Test
  void withPostgresqlDownUnderLoadTheNodeStaysReadyAndServesAndTheHistoryHoldsEveryTaskOnce() {
    ApiClient api = ApiClient.asAdmin(node.url());
    ApiClient health = ApiClient.anonymous(node.serverUrl());
    List<String> ids = new ArrayList<>();
    ids.add(submit(api));
    Set<String> refused = new TreeSet<>();
    Instant from = Instant.now().minus(5, ChronoUnit.MINUTES);

    TestStack.POSTGRES.stop();
    Instant down = Instant.now();
    try {
      await()
          .atMost(OUTAGE.plus(CATCH_UP))
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> {
                HttpResponse<String> ready = health.get("/health/ready");
                assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
                assertThat(ready.body()).doesNotContain("postgresql").doesNotContain("archive");
                String id = submit(api);
                ids.add(id);
                assertThat(api.get("api/queue/status").statusCode()).isEqualTo(200);
                HttpResponse<String> task = api.get("api/queue/task/" + id);
                assertThat(task.statusCode()).as(task.body()).isEqualTo(200);

                JsonObject history =
                    json(ApiClient.anonymous(node.url()).get("health/history")).asJsonObject();
                history.getJsonArray("checks").stream()
                    .map(JsonValue::asJsonObject)
                    .filter(check -> check.getString("status").equals("DOWN"))
                    .forEach(check -> refused.add(check.getString("name")));
                refusedWith503(api, "api/queue/tasks?queue=" + QUEUE, "task list", refused);
                refusedWith503(
                    api, "api/queue/metrics?queue=" + QUEUE + "&from=" + from, "metrics", refused);
                refusedWith503(api, "api/queue/alerts", "alerts", refused);
                return Duration.between(down, Instant.now()).compareTo(OUTAGE) >= 0
                    && refused.containsAll(HISTORY_PLANE);
              });
    } finally {
      TestStack.POSTGRES.restart();
    }

    await()
        .atMost(CATCH_UP)
        .pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              List<String> archived = succeeded(api);
              assertThat(archived).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
            });
    assertThat(ApiClient.anonymous(node.url()).get("health/history").statusCode()).isEqualTo(200);
    // A line a failure from the application; the pool logs its own trace once as it empties.
    assertThat(node.loggersWithStackTraces(0))
        .noneMatch(logger -> logger.startsWith("dev.taskyard"));
  }

  private static String submit(ApiClient api) {
    HttpResponse<String> response =
        api.post(
            "api/queue/tasks",
            "{\"queue\":\"" + QUEUE + "\",\"type\":\"it.outage\",\"payload\":{}}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return json(response).asJsonObject().getString("id");
  }

  private static void refusedWith503(ApiClient api, String path, String name, Set<String> seen) {
    if (!seen.contains(name) && api.get(path).statusCode() == 503) {
      seen.add(name);
    }
  }

  /** The ids of every succeeded task of the queue in the history, page after page. */
  private static List<String> succeeded(ApiClient api) {
    List<String> ids = new ArrayList<>();
    String cursor = null;
    do {
      String path =
          "api/queue/tasks?limit=500&state=SUCCEEDED&queue="
              + QUEUE
              + (cursor == null
                  ? ""
                  : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
      HttpResponse<String> response = api.get(path);
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      JsonObject page = json(response).asJsonObject();
      page.getJsonArray("tasks").forEach(t -> ids.add(t.asJsonObject().getString("id")));
      cursor = page.containsKey("next") ? page.getString("next") : null;
    } while (cursor != null);
    return ids;
  }
}
