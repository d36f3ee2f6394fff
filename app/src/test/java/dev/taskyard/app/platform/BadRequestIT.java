package dev.taskyard.app.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskyard.app.ApiClient;
import dev.taskyard.app.ItQueues;
import dev.taskyard.app.PayaraNode;
import dev.taskyard.app.Problems;
import dev.taskyard.app.TestStack;
import dev.taskyard.core.Taskyard;
import dev.taskyard.core.control.QueueSettings;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile and malformed requests, one row each: every one gets its problem answer naming what was
 * wrong, and writes nothing (the queue it names never comes to exist); and none of them logs a
 * stack trace. On a node of its own, so that its log holds only what these requests caused.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadRequestIT {
  private static final String QUEUE = "it-bad-" + UUID.randomUUID().toString().substring(0, 8);
  private static final String TASK = "0193c1d2-7a3e-7b21-9f00-3c5d6e7f8a9b";

  /** A queue that exists, for the endpoints that look the queue up before reading the body. */
  private static final String EXISTING =
      "it-bad-existing-" + UUID.randomUUID().toString().substring(0, 8);

  private static Taskyard taskyard;
  private static PayaraNode node;
  private static long logStart;

  @BeforeAll
  static void start() {
    taskyard = Taskyard.connect(TestStack.REDIS.url());
    taskyard.queues().configure(EXISTING, QueueSettings.defaults());
    node =
        PayaraNode.start(
            "it-bad-requests-node", Path.of(System.getProperty("taskyard.it.war")), Map.of());
    logStart = node.logSize();
  }

  @AfterAll
  static void stop() {
    node.close();
    ItQueues.delete(taskyard, EXISTING);
    taskyard.close();
  }

  /** A request: method, path, content type (null: none), body (null: none). */
  record Request(String method, String path, String contentType, String body) {}

  static Stream<Arguments> badRequests() {
    String submit = "api/queue/tasks";
    String settings = "api/queue/queues/" + QUEUE + "/settings";
    return Stream.of(
        row("a body without Content-Type", post(submit, null, task("{}")), 415, null),
        row("text after the JSON", post(submit, JSON, task("{}") + "}{"), 400, "body"),
        row("a payload 1,001 levels deep", post(submit, JSON, task(nested(1001))), 400, "payload"),
        row(
            "a payload 100,000 levels deep",
            post(submit, JSON, task(nested(100_000))),
            400,
            "payload"),
        row(
            "a batch task's payload 100,000 levels deep",
            post(
                submit,
                JSON,
                "{\"queue\":\""
                    + QUEUE
                    + "\",\"tasks\":[{\"type\":\"t\",\"payload\":"
                    + nested(100_000)
                    + "}]}"),
            400,
            "tasks[0].payload"),
        row(
            "a settings body 100,000 levels deep",
            new Request("PUT", settings, JSON, "{\"thresholds\":" + nested(100_000) + "}"),
            400,
            "thresholds"),
        row(
            "a thread count 100,000 levels deep",
            new Request(
                "PUT",
                "api/queue/workers/" + EXISTING + "/threads",
                JSON,
                "{\"threads\":" + nested(100_000) + "}"),
            400,
            "threads"),
        row(
            "a thread count followed by more text",
            new Request(
                "PUT", "api/queue/workers/" + EXISTING + "/threads", JSON, "{\"threads\":1}}{"),
            400,
            "body"),
        row(
            "runAt of exactly 2100-01-01T00:00:00Z",
            post(
                submit,
                JSON,
                "{\"queue\":\""
                    + QUEUE
                    + "\",\"type\":\"t\",\"payload\":{},\"runAt\":\"2100-01-01T00:00:00Z\"}"),
            400,
            "runAt"),
        row(
            "rateLimit 1e-400, which would read as 0 (unlimited)",
            new Request("PUT", settings, JSON, "{\"rateLimit\":1e-400}"),
            400,
            "rateLimit"),
        row(
            "rateLimit 1e400, which would read as infinity",
            new Request("PUT", settings, JSON, "{\"rateLimit\":1e400}"),
            400,
            "rateLimit"),
        row(
            "a task id naming another key",
            post("api/queue/task/" + TASK + ":children/cancel?queue=" + QUEUE, null, null),
            400,
            "id"),
        row(
            "a task id that is no UUID",
            new Request("GET", "api/queue/task/abc", null, null),
            400,
            "id"),
        row(
            "a parent id naming another key",
            post(
                submit,
                JSON,
                "{\"queue\":\""
                    + QUEUE
                    + "\",\"type\":\"t\",\"payload\":{},\"dependsOn\":[\""
                    + TASK
                    + ":children\"]}"),
            400,
            "dependsOn[0]"),
        row(
            "batch payloads over the limit in all (9 of 1 MiB each)",
            post(submit, JSON, batchOfLargePayloads(9)),
            400,
            "tasks"),
        row(
            "a 10,000-character queue name in the path",
            post("api/queue/queues/" + "q".repeat(10_000) + "/pause", null, null),
            400,
            "queue"),
        row(
            "a 100 KB search text",
            new Request("GET", "api/queue/tasks?q=" + "x".repeat(100_000), null, null),
            400,
            "q"),
        row(
            "a NUL in a query parameter",
            new Request("GET", "api/queue/tasks?queue=a%00b", null, null),
            400,
            "queue"),
        row(
            "a body over the size limit",
            post(submit, JSON, task("\"" + "x".repeat(16 * 1024 * 1024) + "\"")),
            413,
            "body"));
  }

  @Order(1)
  @ParameterizedTest(name = "{0}")
  @MethodSource("badRequests")
  void aBadRequestGetsItsProblemAndWritesNothing(
      String what, Request request, int status, String field) {
    ApiClient admin = ApiClient.asAdmin(node.url());
    HttpResponse<String> response =
        request.body() == null
            ? admin.send(request.method(), request.path(), null)
            : request.contentType() == null
                ? admin.sendWithoutContentType(request.method(), request.path(), request.body())
                : admin.send(
                    request.method(), request.path(), request.contentType(), request.body());

    JsonObject problem = Problems.assertProblem(response, status);
    if (field != null) {
      assertThat(problem.getString("field")).isEqualTo(field);
    }
    assertThat(taskyard.queues().queues()).doesNotContain(QUEUE);
  }

  @Order(1)
  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "Basic !!!notbase64!!!",
        "Basic YWRtaW4=", // "admin": no colon
        "Basic YWRtaW46", // "admin:": empty password
        "Basic ",
        "Bearer abc.def.ghi"
      })
  void aMalformedAuthorizationHeaderIsRefusedWith401AndAProblem(String header) {
    HttpResponse<String> response =
        ApiClient.withAuthorization(node.url(), header).get("api/queue/status");

    Problems.assertProblem(response, 401);
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Basic"));
  }

  @Order(2)
  @Test
  void noRefusedRequestLoggedAStackTrace() {
    assertThat(node.loggersWithStackTraces(logStart)).isEmpty();
  }

  private static final String JSON = "application/json";

  private static Arguments row(String what, Request request, int status, String field) {
    return Arguments.of(what, request, status, field);
  }

  private static Request post(String path, String contentType, String body) {
    return new Request("POST", path, contentType, body);
  }

  private static String task(String payload) {
    return "{\"queue\":\"" + QUEUE + "\",\"type\":\"t\",\"payload\":" + payload + "}";
  }

  private static String nested(int levels) {
    return "[".repeat(levels) + "]".repeat(levels);
  }

  private static String batchOfLargePayloads(int tasks) {
    String payload = "\"" + "x".repeat(1024 * 1024 - 2) + "\"";
    StringBuilder body = new StringBuilder("{\"queue\":\"" + QUEUE + "\",\"tasks\":[");
    for (int i = 0; i < tasks; i++) {
      body.append(i == 0 ? "" : ",")
          .append("{\"type\":\"t\",\"payload\":")
          .append(payload)
          .append('}');
    }
    return body.append("]}").toString();
  }
}
