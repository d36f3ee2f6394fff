package dev.taskyard.app.tasks;

import static dev.taskyard.app.ApiClient.json;
import static dev.taskyard.app.Problems.assertBadField;
import static dev.taskyard.app.Problems.assertProblem;
import static dev.taskyard.app.Problems.assertRetryAfter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskyard.app.ApiClient;
import dev.taskyard.app.ItQueues;
import dev.taskyard.app.TestStack;
import dev.taskyard.core.Taskyard;
import dev.taskyard.core.control.QueueSettings;
import dev.taskyard.core.enqueue.TaskRequest;
import dev.taskyard.core.task.TaskRecord;
import dev.taskyard.core.task.TaskState;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.Asset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Submitting tasks and acting on one, black-box on a real Payara Micro, Redis and PostgreSQL. */
@ExtendWith(ArquillianExtension.class)
class TaskCommandIT {
  private static final String CONFIG = "WEB-INF/classes/META-INF/microprofile-config.properties";

  /** A queue this deployment limits to about one submit every 15 minutes. */
  private static final String RATE_LIMITED = ItQueues.random();

  @ArquillianResource URL base;

  private final List<String> queues = new ArrayList<>();
  private Taskyard taskyard;
  private ApiClient api;

  @Deployment(testable = false)
  static WebArchive app() throws Exception {
    WebArchive war = TestStack.war();
    String config;
    Asset original = war.get(CONFIG).getAsset();
    try (var in = original.openStream()) {
      config = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    war.delete(CONFIG);
    return war.addAsWebInfResource(
        new StringAsset(
            config
                + "\ntaskyard.api.submit-rate."
                + RATE_LIMITED
                + "=0.001\ntaskyard.api.submit-breaker.open-ms=600000\n"),
        "classes/META-INF/microprofile-config.properties");
  }

  @BeforeEach
  void connect() {
    taskyard = Taskyard.connect(TestStack.REDIS.url());
    api = ApiClient.asAdmin(base);
  }

  @AfterEach
  void cleanUp() {
    queues.add(RATE_LIMITED);
    queues.forEach(q -> ItQueues.delete(taskyard, q));
    taskyard.close();
  }

  @Test
  void submittingOneTaskAnswers201WithItsIdAndLocation() {
    String queue = queue();

    HttpResponse<String> response =
        api.post(
            "api/queue/tasks",
            """
            {"queue":"%s","type":"report.build","payload":{"n":1},"priority":700,
             "maxAttempts":5,"timeoutMs":60000,"correlationId":"order-1"}"""
                .formatted(queue));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    JsonObject body = json(response).asJsonObject();
    String id = body.getString("id");
    assertThat(body.getBoolean("created")).isTrue();
    assertThat(response.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/api/queue/task/" + id));
    TaskRecord task = taskyard.tasks().find(queue, id).orElseThrow();
    assertThat(task.state()).isEqualTo(TaskState.QUEUED);
    assertThat(task.priority()).isEqualTo(700);
    assertThat(task.payload()).isEqualTo("{\"n\":1}");
  }

  @Test
  void delayedTaskIsScheduled() {
    String queue = queue();

    String id = submit(queue, "\"delayMs\":3600000");

    assertThat(taskyard.tasks().find(queue, id).orElseThrow().state())
        .isEqualTo(TaskState.SCHEDULED);
  }

  @Test
  void batchIsSubmittedWholeWithOneIdPerTaskInOrder() {
    String queue = queue();

    HttpResponse<String> response =
        api.post(
            "api/queue/tasks",
            """
            {"queue":"%s","tasks":[{"type":"a","payload":1},{"type":"b","payload":"x"},
             {"type":"c","payload":null,"runAt":"2099-01-01T00:00:00Z"}]}"""
                .formatted(queue));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    List<JsonObject> tasks =
        json(response).asJsonObject().getJsonArray("tasks").getValuesAs(JsonObject.class);
    assertThat(tasks).hasSize(3);
    assertThat(taskyard.tasks().find(queue, tasks.get(0).getString("id")).orElseThrow().type())
        .isEqualTo("a");
    assertThat(taskyard.tasks().find(queue, tasks.get(2).getString("id")).orElseThrow().state())
        .isEqualTo(TaskState.SCHEDULED);
  }

  @Test
  void batchWithOneBadTaskIsRefusedNamingItsIndexAndNothingIsWritten() {
    String queue = queue();

    HttpResponse<String> response =
        api.post(
            "api/queue/tasks",
            """
            {"queue":"%s","tasks":[{"type":"a","payload":1},{"type":"b","payload":2,"priority":5000}]}"""
                .formatted(queue));

    assertBadField(response, "tasks[1].priority");
    assertThat(taskyard.queues().queues()).doesNotContain(queue);
  }

  @Test
  void badInputIsRefusedNamingTheField() {
    String queue = queue();
    String task = "\"queue\":\"" + queue + "\",\"type\":\"t\",\"payload\":{}";

    assertBadField(api.post("api/queue/tasks", "{\"type\":\"t\",\"payload\":{}}"), "queue");
    assertBadField(
        api.post("api/queue/tasks", "{\"queue\":\"bad name\",\"type\":\"t\",\"payload\":1}"),
        "queue");
    assertBadField(
        api.post("api/queue/tasks", "{\"queue\":\"" + queue + "\",\"type\":\"t\"}"), "payload");
    assertBadField(api.post("api/queue/tasks", "{" + task + ",\"priority\":\"high\"}"), "priority");
    assertBadField(api.post("api/queue/tasks", "{" + task + ",\"timeoutMs\":10}"), "timeoutMs");
    assertBadField(api.post("api/queue/tasks", "{" + task + ",\"delayMs\":-1}"), "delayMs");
    assertBadField(api.post("api/queue/tasks", "{" + task + ",\"runAt\":\"soon\"}"), "runAt");
    assertBadField(api.post("api/queue/tasks", "{" + task + ",\"priorty\":1}"), "priorty");
    assertBadField(
        api.post(
            "api/queue/tasks",
            "{" + task + ",\"dependsOn\":[\"00000000-0000-7000-8000-000000000000\"]}"),
        "dependsOn");
    assertBadField(
        api.post("api/queue/tasks", "{" + task + ",\"dependsOn\":[\"no-such-task\"]}"),
        "dependsOn[0]");
    assertBadField(api.post("api/queue/tasks", "{\"queue\": \"q\", \"type\":"), "body");
    assertBadField(api.post("api/queue/tasks", "[]"), "body");
    assertThat(taskyard.queues().queues()).doesNotContain(queue);
  }

  @Test
  void repeatedIdempotencyKeyAnswers200WithTheFirstId() {
    String queue = queue();
    String first = submit(queue, "\"idempotencyKey\":\"k-1\"");

    HttpResponse<String> again =
        api.post(
            "api/queue/tasks",
            "{\"queue\":\"%s\",\"type\":\"t\",\"payload\":{},\"idempotencyKey\":\"k-1\"}"
                .formatted(queue));

    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(json(again).asJsonObject().getString("id")).isEqualTo(first);
    assertThat(json(again).asJsonObject().getBoolean("created")).isFalse();
  }

  @Test
  void cancelRetryAndDeleteFollowTheTaskStates() {
    String queue = queue();
    String id = submit(queue, "\"priority\":1");

    HttpResponse<String> cancelled = api.post("api/queue/task/" + id + "/cancel", null);
    assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
    assertThat(json(cancelled).asJsonObject().getString("outcome")).isEqualTo("CANCELLED");
    assertProblem(api.post("api/queue/task/" + id + "/cancel", null), 409);

    HttpResponse<String> retried = api.post("api/queue/task/" + id + "/retry?queue=" + queue, null);
    assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
    assertThat(taskyard.tasks().find(queue, id).orElseThrow().state()).isEqualTo(TaskState.QUEUED);
    assertProblem(api.post("api/queue/task/" + id + "/retry", null), 409);
    assertProblem(api.delete("api/queue/task/" + id), 409);

    api.post("api/queue/task/" + id + "/cancel", null);
    assertThat(api.delete("api/queue/task/" + id).statusCode()).isEqualTo(204);
    assertThat(taskyard.tasks().find(queue, id)).isEmpty();
  }

  @Test
  void promoteRunsAScheduledTaskNowAndRefusesAQueuedOne() {
    String queue = queue();
    String scheduled = submit(queue, "\"delayMs\":3600000");
    String queued = submit(queue, "\"priority\":1");

    assertThat(api.post("api/queue/task/" + scheduled + "/promote", null).statusCode())
        .isEqualTo(200);
    assertThat(taskyard.tasks().find(queue, scheduled).orElseThrow().state())
        .isEqualTo(TaskState.QUEUED);
    assertProblem(api.post("api/queue/task/" + queued + "/promote", null), 409);
  }

  @Test
  void priorityOfAQueuedTaskChangesAndBadPrioritiesAreRefused() {
    String queue = queue();
    String id = submit(queue, "\"priority\":1");

    HttpResponse<String> changed =
        api.put("api/queue/task/" + id + "/priority", "{\"priority\":900}");

    assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
    assertThat(taskyard.tasks().find(queue, id).orElseThrow().priority()).isEqualTo(900);
    assertBadField(
        api.put("api/queue/task/" + id + "/priority", "{\"priority\":1001}"), "priority");
    assertBadField(api.put("api/queue/task/" + id + "/priority", "{}"), "priority");
    assertBadField(api.put("api/queue/task/" + id + "/priority", "{\"priority\":1.5}"), "priority");
  }

  @Test
  void queuedTasksAreListedInRunOrderAndMovedByHand() {
    String queue = queue();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      long at = System.currentTimeMillis();
      ids.add(submit(queue, "\"priority\":1"));
      await().until(() -> System.currentTimeMillis() > at); // one millisecond each: one place each
    }
    String a = ids.get(0);
    String b = ids.get(1);
    String c = ids.get(2);
    assertThat(queued(queue)).containsExactly(a, b, c);

    assertThat(move(c, "up")).isEqualTo("MOVED");
    assertThat(queued(queue)).containsExactly(a, c, b);
    assertThat(move(a, "up")).isEqualTo("UNCHANGED");
    assertThat(move(b, "next")).isEqualTo("MOVED");
    assertThat(queued(queue)).containsExactly(b, a, c);
    assertThat(taskyard.tasks().find(queue, b).orElseThrow().priority()).isEqualTo(1000);

    JsonObject page =
        json(api.get("api/queue/queues/" + queue + "/queued?offset=1&limit=1")).asJsonObject();
    assertThat(page.getInt("queued")).isEqualTo(3);
    assertThat(page.getJsonArray("tasks")).hasSize(1);
    assertThat(page.getJsonArray("tasks").getJsonObject(0).getString("id")).isEqualTo(a);
  }

  @Test
  void badMovesAndListingsAreRefusedNamingTheField() {
    String queue = queue();
    String queued = submit(queue, "\"priority\":1");
    String scheduled = submit(queue, "\"delayMs\":3600000");

    assertBadField(api.post("api/queue/task/" + queued + "/move", "{\"to\":\"sideways\"}"), "to");
    assertBadField(api.post("api/queue/task/" + queued + "/move", "{}"), "to");
    assertProblem(api.post("api/queue/task/" + scheduled + "/move", "{\"to\":\"up\"}"), 409);
    assertBadField(api.get("api/queue/queues/" + queue + "/queued?offset=-1"), "offset");
    assertBadField(api.get("api/queue/queues/" + queue + "/queued?limit=0"), "limit");
    assertProblem(api.get("api/queue/queues/" + ItQueues.random() + "/queued"), 404);
    assertThat(
            ApiClient.as(base, "it-viewer", "it-viewer-secret")
                .post("api/queue/task/" + queued + "/move", "{\"to\":\"up\"}")
                .statusCode())
        .isEqualTo(403);
  }

  @Test
  void everyTaskAFilterMatchesIsCancelledInOneCallAndBadCallsAreRefused() {
    String queue = queue();
    List<String> ids = List.of(submit(queue, "\"priority\":1"), submit(queue, "\"priority\":2"));
    await()
        .until(
            () ->
                api.get("api/queue/tasks?state=QUEUED&queue=" + queue).body().contains(ids.get(1)));

    HttpResponse<String> response =
        api.post("api/queue/tasks/bulk/cancel?state=QUEUED&queue=" + queue, null);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonObject outcome = json(response).asJsonObject();
    assertThat(outcome.getInt("done")).isEqualTo(2);
    assertThat(outcome.getBoolean("more")).isFalse();
    assertThat(outcome.getJsonArray("ids").getValuesAs(JsonValue::toString))
        .containsExactlyInAnyOrder("\"" + ids.get(0) + "\"", "\"" + ids.get(1) + "\"");
    for (String id : ids) {
      assertThat(taskyard.tasks().find(queue, id).orElseThrow().state())
          .isEqualTo(TaskState.CANCELLED);
    }
    assertBadField(api.post("api/queue/tasks/bulk/cancel", null), "queue");
    assertBadField(api.post("api/queue/tasks/bulk/explode?queue=" + queue, null), "action");
    assertBadField(api.post("api/queue/tasks/bulk/retry?state=DONE", null), "state");
    assertThat(
            ApiClient.as(base, "it-viewer", "it-viewer-secret")
                .post("api/queue/tasks/bulk/retry?queue=" + queue, null)
                .statusCode())
        .isEqualTo(403);
  }

  private List<String> queued(String queue) {
    HttpResponse<String> response = api.get("api/queue/queues/" + queue + "/queued");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json(response).asJsonObject().getJsonArray("tasks").stream()
        .map(t -> t.asJsonObject().getString("id"))
        .toList();
  }

  private String move(String id, String to) {
    HttpResponse<String> response =
        api.post("api/queue/task/" + id + "/move", "{\"to\":\"" + to + "\"}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json(response).asJsonObject().getString("outcome");
  }

  @Test
  void actionsOnUnknownTasksAre404() {
    queue();
    String id = "0190f0f0-0000-7000-8000-000000000000";

    assertProblem(api.post("api/queue/task/" + id + "/retry", null), 404);
    assertProblem(api.post("api/queue/task/" + id + "/cancel", null), 404);
    assertProblem(api.post("api/queue/task/" + id + "/promote", null), 404);
    assertProblem(api.put("api/queue/task/" + id + "/priority", "{\"priority\":1}"), 404);
    assertProblem(api.post("api/queue/task/" + id + "/move", "{\"to\":\"up\"}"), 404);
    assertProblem(api.delete("api/queue/task/" + id), 404);
  }

  @Test
  void jaxRsRefusalsAreProblemsToo() {
    assertProblem(api.get("api/queue/no-such-thing"), 404);
    HttpResponse<String> notAllowed = api.get("api/queue/task/x/retry");
    assertProblem(notAllowed, 405);
    assertProblem(api.send("POST", "api/queue/tasks", "text/plain", "type=x"), 415);
  }

  @Test
  void submitsOverTheQueuesRateAre429WithRetryAfter() {
    String body = "{\"queue\":\"%s\",\"type\":\"t\",\"payload\":{}}".formatted(RATE_LIMITED);
    assertThat(api.post("api/queue/tasks", body).statusCode()).isEqualTo(201);

    HttpResponse<String> refused = api.post("api/queue/tasks", body);

    assertProblem(refused, 429);
    assertThat(assertRetryAfter(refused)).isGreaterThan(60);
  }

  @Test
  void fullQueueIs503AndAFloodOpensItsSubmitBreaker() {
    String queue = queue();
    taskyard.queues().configure(queue, QueueSettings.defaults().withCapacity(1));
    taskyard.producer().submit(queue, TaskRequest.of("t", "{}"));
    String body = "{\"queue\":\"%s\",\"type\":\"t\",\"payload\":{}}".formatted(queue);

    for (int i = 0; i < 5; i++) {
      HttpResponse<String> full = api.post("api/queue/tasks", body);
      assertThat(assertProblem(full, 503).getString("title")).isEqualTo("Queue full");
      assertRetryAfter(full);
    }
    HttpResponse<String> open = api.post("api/queue/tasks", body);

    assertThat(assertProblem(open, 503).getString("title")).isEqualTo("Submit circuit open");
    assertThat(assertRetryAfter(open)).isGreaterThan(60);
    JsonObject breaker =
        json(api.get("api/queue/breakers")).asJsonObject().getJsonArray("submit").stream()
            .map(JsonValue::asJsonObject)
            .filter(b -> b.getString("queue").equals(queue))
            .findFirst()
            .orElseThrow();
    assertThat(breaker.getString("state")).isEqualTo("OPEN");
    HttpResponse<String> backlog = api.get("health/backlog");
    assertThat(backlog.statusCode()).isEqualTo(503);
    JsonObject check =
        json(backlog).asJsonObject().getJsonArray("checks").stream()
            .map(JsonValue::asJsonObject)
            .filter(c -> c.getString("name").equals(queue))
            .findFirst()
            .orElseThrow();
    assertThat(check.getString("status")).isEqualTo("DOWN");
    assertThat(check.getJsonObject("data").getString("submitBreaker")).isEqualTo("OPEN");
  }

  @Test
  void openApiDescribesEveryEndpoint() {
    HttpResponse<String> response = api.get("/openapi");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains(
            "/queue/tasks",
            "/queue/task/{id}",
            "/queue/task/{id}/retry",
            "/queue/task/{id}/cancel",
            "/queue/task/{id}/promote",
            "/queue/task/{id}/priority",
            "/queue/status",
            "/queue/breakers",
            "/queue/queues/{queue}/pause",
            "/queue/queues/{queue}/resume",
            "/queue/queues/{queue}/drain",
            "/queue/queues/{queue}/settings",
            "/queue/schedules",
            "/queue/schedules/{queue}/{name}",
            "/queue/schedules/{queue}/{name}/pause",
            "/queue/schedules/{queue}/{name}/resume",
            "/queue/workers",
            "/queue/workers/{queue}/threads",
            "/queue/metrics",
            "/queue/alerts",
            "Submit one task, or a batch",
            "Time series per queue",
            "Queue alerts, newest first",
            "\"429\":",
            "Taskyard API");
  }

  private String queue() {
    String queue = ItQueues.random();
    queues.add(queue);
    return queue;
  }

  /** Submits a task through the API with extra fields, returning its id. */
  private String submit(String queue, String extra) {
    HttpResponse<String> response =
        api.post(
            "api/queue/tasks",
            "{\"queue\":\"%s\",\"type\":\"t\",\"payload\":{},%s}".formatted(queue, extra));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return json(response).asJsonObject().getString("id");
  }
}
