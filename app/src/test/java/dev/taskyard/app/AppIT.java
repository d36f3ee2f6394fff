package dev.taskyard.app;

import static dev.taskyard.app.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskyard.core.Taskyard;
import dev.taskyard.core.enqueue.TaskRequest;
import dev.taskyard.core.worker.WorkerPool;
import dev.taskyard.embedded.EmbeddedRedis;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redisson.api.redisnode.RedisMaster;
import org.redisson.api.redisnode.RedisNodes;

/**
 * The built WAR on a real Payara Micro, against the real Redis and PostgreSQL of {@link TestStack}.
 */
@ExtendWith(ArquillianExtension.class)
class AppIT {
  private static final EmbeddedRedis redis = TestStack.REDIS;
  private static final String POLICY = "maxmemory-policy";

  @ArquillianResource URL base;

  @Deployment(testable = false)
  static WebArchive app() {
    return TestStack.war();
  }

  @Test
  void readinessListsRedisAloneAndTheHistoryHealthListsPostgresqlAndTheArchive() throws Exception {
    HttpResponse<String> response = get("/health/ready");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject health = json(response).asJsonObject();
    assertThat(health.getString("status")).isEqualTo("UP");
    assertThat(health.getJsonArray("checks")).hasSize(1);
    assertThat(check(health, "redis").getString("status")).isEqualTo("UP");

    HttpResponse<String> historyResponse = ApiClient.anonymous(base).get("health/history");
    assertThat(historyResponse.statusCode()).isEqualTo(200);
    JsonObject history = json(historyResponse).asJsonObject();
    assertThat(history.getString("status")).isEqualTo("UP");
    JsonObject postgresql = check(history, "postgresql");
    assertThat(postgresql.getString("status")).isEqualTo("UP");
    assertThat(postgresql.getJsonObject("data").getString("schemaVersion")).isNotBlank();
    assertThat(check(history, "archive").getString("status")).isEqualTo("UP");
  }

  @Test
  void withoutPostgresqlReadinessStaysUpAndTheHistoryHealthSaysSoWithoutInternals()
      throws Exception {
    String port = Integer.toString(TestStack.POSTGRES.port());
    TestStack.POSTGRES.stop();
    try {
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                HttpResponse<String> response = ApiClient.anonymous(base).get("health/history");
                assertThat(response.statusCode()).isEqualTo(503);
                JsonObject postgresql = check(json(response).asJsonObject(), "postgresql");
                assertThat(postgresql.getString("status")).isEqualTo("DOWN");
                assertThat(postgresql.getJsonObject("data").getString("error"))
                    .contains("PostgreSQL is unavailable")
                    .doesNotContain(port)
                    .doesNotContain("127.0.0.1")
                    .doesNotContain("Exception");
              });
      assertThat(get("/health/ready").statusCode()).isEqualTo(200);
      assertThat(get("api/queue/status").statusCode()).isEqualTo(200);
    } finally {
      TestStack.POSTGRES.restart();
    }

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(ApiClient.anonymous(base).get("health/history").statusCode())
                    .isEqualTo(200));
  }

  @Test
  void theContextRootOpensTheConsoleWhichAsksForASignIn() {
    HttpResponse<String> root = ApiClient.anonymous(base).get("");

    assertThat(root.statusCode()).isEqualTo(302);
    assertThat(root.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/console/"));
    HttpResponse<String> console = ApiClient.anonymous(base).get("console/");
    assertThat(console.statusCode()).isEqualTo(302);
    assertThat(console.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/sign-in.xhtml?next=%2Fconsole%2F"));
  }

  @Test
  void livenessIsUp() throws Exception {
    HttpResponse<String> response = get("/health/live");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).asJsonObject().getString("status")).isEqualTo("UP");
  }

  @Test
  void readinessWarnsWhileRedisMayEvictAndStaysUp() throws Exception {
    try (Taskyard node = Taskyard.connect(redis.url())) {
      RedisMaster server = node.redisson().getRedisNodes(RedisNodes.SINGLE).getInstance();
      String before = server.getConfig(POLICY).get(POLICY);
      server.setConfig(POLICY, "allkeys-lru");
      try {
        HttpResponse<String> response = get("/health/ready");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject redisCheck = check(json(response).asJsonObject(), "redis");
        assertThat(redisCheck.getString("status")).isEqualTo("UP");
        assertThat(redisCheck.getJsonObject("data").getString("maxmemoryPolicy"))
            .isEqualTo("allkeys-lru");
        assertThat(redisCheck.getJsonObject("data").getString("warning")).contains("noeviction");
      } finally {
        server.setConfig(POLICY, before);
      }
      JsonObject after = check(json(get("/health/ready")).asJsonObject(), "redis");
      assertThat(after.getJsonObject("data").getString("maxmemoryPolicy")).isEqualTo("noeviction");
      assertThat(after.getJsonObject("data").containsKey("warning")).isFalse();
    }
  }

  @Test
  void queueStatusShowsTasksSubmittedByAnotherNode() throws Exception {
    String queue = ItQueues.random();
    try (Taskyard producerNode = Taskyard.connect(redis.url())) {
      for (int i = 0; i < 3; i++) {
        producerNode.producer().submit(queue, TaskRequest.of("report.build", "{\"n\":" + i + "}"));
      }
      try {
        HttpResponse<String> response = get("api/queue/status");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
            .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonObject status = statusOf(queue, response);
        assertThat(status.getJsonNumber("queued").longValue()).isEqualTo(3);
        assertThat(status.getJsonNumber("scheduled").longValue()).isZero();
        assertThat(status.getJsonNumber("waiting").longValue()).isZero();
        assertThat(status.getJsonNumber("running").longValue()).isZero();
        assertThat(status.getJsonNumber("dead").longValue()).isZero();
        assertThat(status.getBoolean("paused")).isFalse();
        assertThat(status.getJsonNumber("oldestQueuedAgeMs").longValue()).isNotNegative();
        assertThat(status.getJsonObject("totals").getJsonNumber("enqueued").longValue())
            .isEqualTo(3);
        assertThat(status.getJsonObject("workers").getInt("threads")).isZero();
        assertThat(status.getString("submitBreaker")).isEqualTo("CLOSED");

        try (WorkerPool pool =
            producerNode.workerPool().queue(queue, 2).handler("report.build", t -> null).start()) {
          await()
              .atMost(Duration.ofSeconds(30))
              .untilAsserted(
                  () -> {
                    JsonObject now = statusOf(queue, get("api/queue/status"));
                    assertThat(now.getJsonObject("workers").getInt("nodes")).isEqualTo(1);
                    assertThat(now.getJsonObject("workers").getInt("threads")).isEqualTo(2);
                    assertThat(now.getJsonObject("totals").getInt("succeeded")).isEqualTo(3);
                  });
        }
      } finally {
        ItQueues.delete(producerNode, queue);
      }
    }
  }

  @Test
  void withoutRedisReadinessIsDownAndTheApiAnswers503UntilRedisIsBack() throws Exception {
    assertThat(get("/health/ready").statusCode()).isEqualTo(200);

    redis.stop();
    try {
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                HttpResponse<String> response = get("/health/ready");
                assertThat(response.statusCode()).isEqualTo(503);
                JsonObject health = json(response).asJsonObject();
                assertThat(health.getString("status")).isEqualTo("DOWN");
                assertThat(check(health, "redis").getString("status")).isEqualTo("DOWN");
                assertThat(check(health, "redis").getJsonObject("data").getString("error"))
                    .isNotBlank()
                    .doesNotContain(Integer.toString(redis.port()))
                    .doesNotContain("Exception");
              });
      // Enough failures open the adapter's circuit; from then on calls are refused at once.
      for (int i = 0; i < 6; i++) {
        long start = System.nanoTime();
        HttpResponse<String> status = get("api/queue/status");
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.printf(
            "Redis down: GET api/queue/status answered %d in %d ms%n", status.statusCode(), ms);
        assertThat(Problems.assertProblem(status, 503).getString("title"))
            .isEqualTo("Redis unavailable");
        Problems.assertRetryAfter(status);
      }
      JsonObject circuit =
          json(get("api/queue/breakers")).asJsonObject().getJsonArray("redis").stream()
              .map(JsonValue::asJsonObject)
              .filter(c -> c.getString("name").equals("QueueStore.statuses"))
              .findFirst()
              .orElseThrow();
      assertThat(circuit.getString("state")).isEqualTo("OPEN");
      assertThat(
              check(json(get("/health/ready")).asJsonObject(), "redis")
                  .getJsonObject("data")
                  .getString("openCircuits"))
          .contains("QueueStore.statuses");
      HttpResponse<String> submit =
          ApiClient.asAdmin(base)
              .post("api/queue/tasks", "{\"queue\":\"it-down\",\"type\":\"t\",\"payload\":{}}");
      Problems.assertProblem(submit, 503);
      Problems.assertRetryAfter(submit);
    } finally {
      redis.restart();
    }

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(() -> assertThat(get("/health/ready").statusCode()).isEqualTo(200));
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(() -> assertThat(get("api/queue/status").statusCode()).isEqualTo(200));
  }

  @Test
  void startedOnceTheEngineReachedRedis() {
    HttpResponse<String> response = get("/health/started");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject engine = check(json(response).asJsonObject(), "engine");
    assertThat(engine.getString("status")).isEqualTo("UP");
    assertThat(engine.getJsonObject("data").getString("redis")).isEqualTo("connected");
  }

  private HttpResponse<String> get(String path) {
    return ApiClient.asAdmin(base).get(path);
  }

  private static JsonObject statusOf(String queue, HttpResponse<String> response) {
    return json(response).asJsonArray().stream()
        .map(JsonValue::asJsonObject)
        .filter(s -> s.getString("queue").equals(queue))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + queue + " in " + response.body()));
  }

  private static JsonObject check(JsonObject health, String name) {
    return health.getJsonArray("checks").stream()
        .map(JsonValue::asJsonObject)
        .filter(check -> check.getString("name").equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " check in " + health));
  }
}
