package dev.taskyard.app.queues;

import static dev.taskyard.app.ApiClient.json;
import static dev.taskyard.app.Problems.assertBadField;
import static dev.taskyard.app.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskyard.app.ApiClient;
import dev.taskyard.app.ItQueues;
import dev.taskyard.app.TestStack;
import dev.taskyard.core.Taskyard;
import dev.taskyard.core.enqueue.TaskRequest;
import dev.taskyard.core.redis.QueueKeys;
import dev.taskyard.core.task.TaskRef;
import dev.taskyard.core.task.TaskState;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Queue actions, settings, breakers and backlog health, black-box on a real Payara Micro. */
@ExtendWith(ArquillianExtension.class)
class QueueControlIT {

  @ArquillianResource URL base;

  private final List<String> queues = new ArrayList<>();
  private Taskyard taskyard;
  private ApiClient api;

  @Deployment(testable = false)
  static WebArchive app() {
    return TestStack.war();
  }

  @BeforeEach
  void connect() {
    taskyard = Taskyard.connect(TestStack.REDIS.url());
    api = ApiClient.asAdmin(base);
  }

  @AfterEach
  void cleanUp() {
    queues.forEach(q -> ItQueues.delete(taskyard, q));
    taskyard.close();
  }

  @Test
  void aQueueWithNothingGoingOnIsLeftAloneByAlertRoundsAndMetricSamples() {
    String queue = ItQueues.random();
    queues.add(queue);
    HttpResponse<String> created =
        api.put("api/queue/queues/" + queue + "/settings", "{\"maxAttempts\":2}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    var config = taskyard.redisson().getMap(new QueueKeys(queue).config());

    // Redis's idle time of a key: seconds since a command last read it. Alert rounds (every
    // 300 ms here) and samples (every second) read a queue's settings and status only while it
    // has something going on, and otherwise on their sweep every few minutes.
    await()
        .atMost(Duration.ofSeconds(100))
        .untilAsserted(() -> assertThat(config.getIdleTime()).isGreaterThanOrEqualTo(3));
  }

  @Test
  void pausedQueueShowsPausedUntilResumed() {
    String queue = queueWithTask();

    assertThat(api.post("api/queue/queues/" + queue + "/pause", null).statusCode()).isEqualTo(204);
    assertThat(taskyard.stats().status(queue).paused()).isTrue();
    assertThat(status(queue).getBoolean("paused")).isTrue();

    assertThat(api.post("api/queue/queues/" + queue + "/resume", null).statusCode()).isEqualTo(204);
    assertThat(taskyard.stats().status(queue).paused()).isFalse();
  }

  @Test
  void onlyTheAdministratorDeletesAQueueAndNotWhileItHoldsTasksUnlessForced() {
    String queue = queueWithTask();
    ApiClient operator = ApiClient.as(base, "it-operator", "it-operator-secret");

    assertProblem(operator.delete("api/queue/queues/" + queue + "?force=true"), 403);
    JsonObject refused = assertProblem(api.delete("api/queue/queues/" + queue), 409);
    assertThat(refused.getString("detail")).contains("1 queued");
    assertThat(taskyard.queues().queues()).contains(queue);

    assertThat(api.delete("api/queue/queues/" + queue + "?force=true").statusCode()).isEqualTo(204);
    assertThat(taskyard.queues().queues()).doesNotContain(queue);
    assertThat(
            json(api.get("api/queue/status")).asJsonArray().stream()
                .map(s -> s.asJsonObject().getString("queue")))
        .doesNotContain(queue);
    assertProblem(api.delete("api/queue/queues/" + queue), 404);
    // its history stays, and says how the task ended
    List<JsonObject> history =
        json(api.get("api/queue/tasks?queue=" + queue))
            .asJsonObject()
            .getJsonArray("tasks")
            .getValuesAs(JsonObject.class);
    assertThat(history).extracting(t -> t.getString("state")).containsExactly("CANCELLED");
  }

  @Test
  void actionsOnUnknownQueuesAre404AndOnBadNamesAre400() {
    String unknown = ItQueues.random();

    assertProblem(api.post("api/queue/queues/" + unknown + "/pause", null), 404);
    assertProblem(api.post("api/queue/queues/" + unknown + "/resume", null), 404);
    assertProblem(api.post("api/queue/queues/" + unknown + "/drain", null), 404);
    assertProblem(api.get("api/queue/queues/" + unknown + "/settings"), 404);
    assertBadField(api.post("api/queue/queues/bad%20name/pause", null), "queue");
  }

  @Test
  void drainCancelsEveryTaskThatHasNotStarted() {
    String queue = queueWithTask();
    String parent = taskyard.producer().submit(queue, TaskRequest.of("t", "{}")).id();
    String scheduled =
        taskyard
            .producer()
            .submit(queue, TaskRequest.of("t", "{}").withDelay(Duration.ofHours(1)))
            .id();
    String child =
        taskyard
            .producer()
            .submit(
                queue,
                TaskRequest.of("t", "{}").withDependencies(List.of(new TaskRef(queue, parent))))
            .id();

    HttpResponse<String> response = api.post("api/queue/queues/" + queue + "/drain", null);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonObject drained = json(response).asJsonObject();
    assertThat(drained.getJsonNumber("queued").longValue()).isEqualTo(2);
    assertThat(drained.getJsonNumber("scheduled").longValue()).isEqualTo(1);
    for (String id : List.of(parent, scheduled, child)) {
      assertThat(taskyard.tasks().find(queue, id).orElseThrow().state())
          .isEqualTo(TaskState.CANCELLED);
    }
  }

  @Test
  void settingsChangeOnlyTheFieldsGiven() {
    String queue = queue();

    HttpResponse<String> put =
        api.put(
            "api/queue/queues/" + queue + "/settings",
            "{\"capacity\":10,\"timeoutMs\":60000,\"thresholds\":{\"maxQueued\":5},"
                + "\"deadLetters\":{\"maxCount\":50}}");
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    api.put("api/queue/queues/" + queue + "/settings", "{\"maxAttempts\":7}");

    JsonObject settings = json(api.get("api/queue/queues/" + queue + "/settings")).asJsonObject();
    assertThat(settings.getInt("capacity")).isEqualTo(10);
    assertThat(settings.getInt("maxAttempts")).isEqualTo(7);
    assertThat(settings.getJsonNumber("timeoutMs").longValue()).isEqualTo(60000);
    assertThat(settings.getJsonObject("thresholds").getInt("maxQueued")).isEqualTo(5);
    assertThat(settings.getJsonObject("deadLetters").getInt("maxCount")).isEqualTo(50);
    assertThat(settings.getJsonObject("deadLetters").getJsonNumber("maxAgeMs").longValue())
        .isEqualTo(Duration.ofDays(7).toMillis());
    assertThat(taskyard.queues().settings(queue).capacity()).isEqualTo(10);
  }

  @Test
  void badSettingsAreRefusedNamingTheFieldAndNothingChanges() {
    String queue = queue();
    api.put("api/queue/queues/" + queue + "/settings", "{\"capacity\":10}");
    String path = "api/queue/queues/" + queue + "/settings";

    assertBadField(api.put(path, "{\"capacity\":20,\"backoffJitter\":2}"), "backoffJitter");
    assertBadField(api.put(path, "{\"timeoutMs\":10}"), "timeoutMs");
    assertBadField(
        api.put(path, "{\"thresholds\":{\"maxOldestAgeMs\":-1}}"), "thresholds.maxOldestAgeMs");
    assertBadField(api.put(path, "{\"thresholds\":{\"maxQueue\":1}}"), "thresholds.maxQueue");
    assertBadField(api.put(path, "{\"workers\":{\"minThreads\":0}}"), "workers.minThreads");
    assertBadField(api.put(path, "{\"deadLetters\":{\"maxCount\":-1}}"), "deadLetters.maxCount");
    assertBadField(api.put(path, "{\"deadLetters\":{\"maxAgeMs\":-1}}"), "deadLetters.maxAgeMs");
    assertBadField(api.put(path, "{\"capacity\":\"many\"}"), "capacity");
    assertBadField(api.put(path, "{\"capacityy\":1}"), "capacityy");
    assertBadField(api.put(path, "not json"), "body");
    assertProblem(api.send("PUT", path, "text/plain", "capacity=1"), 415);

    assertThat(taskyard.queues().settings(queue).capacity()).isEqualTo(10);
  }

  @Test
  void backlogHealthIsDownForAQueuePastItsThresholdsAndUpForOneWithin() {
    String over = queue();
    String within = queue();
    api.put("api/queue/queues/" + over + "/settings", "{\"thresholds\":{\"maxQueued\":1}}");
    api.put("api/queue/queues/" + within + "/settings", "{\"thresholds\":{\"maxQueued\":10}}");
    for (int i = 0; i < 2; i++) {
      taskyard.producer().submit(over, TaskRequest.of("t", "{}"));
      taskyard.producer().submit(within, TaskRequest.of("t", "{}"));
    }

    HttpResponse<String> response = api.get("health/backlog");

    assertThat(response.statusCode()).isEqualTo(503);
    JsonObject health = json(response).asJsonObject();
    assertThat(health.getString("status")).isEqualTo("DOWN");
    JsonObject down = check(health, over);
    assertThat(down.getString("status")).isEqualTo("DOWN");
    assertThat(down.getJsonObject("data").getString("breached")).isEqualTo("maxQueued");
    assertThat(down.getJsonObject("data").getInt("queued")).isEqualTo(2);
    assertThat(down.getJsonObject("data").getInt("maxQueued")).isEqualTo(1);
    JsonObject up = check(health, within);
    assertThat(up.getString("status")).isEqualTo("UP");
    assertThat(up.getJsonObject("data").getString("submitBreaker")).isEqualTo("CLOSED");
  }

  @Test
  void breakersShowTheRedisAdaptersCircuits() {
    api.get("api/queue/status");

    JsonObject breakers = json(api.get("api/queue/breakers")).asJsonObject();

    JsonObject statuses =
        breakers.getJsonArray("redis").stream()
            .map(JsonValue::asJsonObject)
            .filter(c -> c.getString("name").equals("QueueStore.statuses"))
            .findFirst()
            .orElseThrow();
    assertThat(statuses.getString("state")).isEqualTo("CLOSED");
    assertThat(breakers.getJsonArray("submit")).isNotNull();
  }

  private JsonObject status(String queue) {
    return json(api.get("api/queue/status")).asJsonArray().stream()
        .map(JsonValue::asJsonObject)
        .filter(s -> s.getString("queue").equals(queue))
        .findFirst()
        .orElseThrow();
  }

  private static JsonObject check(JsonObject health, String name) {
    return health.getJsonArray("checks").stream()
        .map(JsonValue::asJsonObject)
        .filter(c -> c.getString("name").equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " in " + health));
  }

  private String queue() {
    String queue = ItQueues.random();
    queues.add(queue);
    return queue;
  }

  private String queueWithTask() {
    String queue = queue();
    taskyard.producer().submit(queue, TaskRequest.of("t", "{}"));
    return queue;
  }
}
