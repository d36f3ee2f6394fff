package dev.taskyard.app.schedules;

import static dev.taskyard.app.ApiClient.json;
import static dev.taskyard.app.Problems.assertBadField;
import static dev.taskyard.app.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskyard.app.ApiClient;
import dev.taskyard.app.ItQueues;
import dev.taskyard.app.TestStack;
import dev.taskyard.core.Taskyard;
import dev.taskyard.core.redis.QueueKeys;
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

/** Schedules CRUD, black-box on a real Payara Micro. */
@ExtendWith(ArquillianExtension.class)
class ScheduleIT {

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
  void aScheduleCreatedThroughTheApiFiresTasks() {
    String queue = queue();

    HttpResponse<String> created = api.post("api/queue/schedules", body(queue, "* * * * * *"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> assertThat(taskyard.stats().status(queue).totals().enqueued()).isPositive());
    api.delete("api/queue/schedules/" + queue + "/nightly");
  }

  @Test
  void scheduleIsCreatedReadChangedPausedResumedAndDeleted() {
    String queue = queue();
    String path = "api/queue/schedules/" + queue + "/nightly";

    HttpResponse<String> created = api.post("api/queue/schedules", body(queue, "0 2 * * *"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/" + path));
    JsonObject schedule = json(api.get(path)).asJsonObject();
    assertThat(schedule.getString("cron")).isEqualTo("0 2 * * *");
    assertThat(schedule.getString("zone")).isEqualTo("Europe/Berlin");
    assertThat(schedule.getJsonObject("task").getJsonObject("payload").getInt("n")).isEqualTo(1);
    assertThat(schedule.getString("nextFireAt")).isNotBlank();

    HttpResponse<String> updated =
        api.put(
            path,
            "{\"cron\":\"0 3 * * *\",\"missedFires\":\"SKIP\",\"task\":{\"type\":\"r\",\"payload\":[]}}");
    assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
    assertThat(json(updated).asJsonObject().getString("missedFires")).isEqualTo("SKIP");
    assertThat(json(updated).asJsonObject().getString("zone")).isEqualTo("Z");

    HttpResponse<String> paused = api.post(path + "/pause", null);
    assertThat(json(paused).asJsonObject().getBoolean("paused")).isTrue();
    assertThat(json(paused).asJsonObject().get("nextFireAt")).isIn(null, JsonValue.NULL);
    HttpResponse<String> resumed = api.post(path + "/resume", null);
    assertThat(json(resumed).asJsonObject().getBoolean("paused")).isFalse();

    List<String> names =
        json(api.get("api/queue/schedules?queue=" + queue)).asJsonArray().stream()
            .map(JsonValue::asJsonObject)
            .map(s -> s.getString("name"))
            .toList();
    assertThat(names).containsExactly("nightly");

    assertThat(api.delete(path).statusCode()).isEqualTo(204);
    assertProblem(api.get(path), 404);
  }

  @Test
  void aQueueWhoseNextFireIsFarOffIsNotReadOnEveryPass() {
    String queue = queue();
    HttpResponse<String> created = api.post("api/queue/schedules", body(queue, "0 2 1 1 *"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    var schedules = taskyard.redisson().getScoredSortedSet(new QueueKeys(queue).schedules());

    // Redis's idle time of a key: seconds since a command last read it. Each node reads it once
    // after the change and then only on its once-a-minute full read, never on every pass.
    await()
        .atMost(Duration.ofSeconds(55))
        .untilAsserted(() -> assertThat(schedules.getIdleTime()).isGreaterThanOrEqualTo(3));
  }

  @Test
  void secondScheduleOfTheSameNameIs409() {
    String queue = queue();
    api.post("api/queue/schedules", body(queue, "0 2 * * *"));

    assertProblem(api.post("api/queue/schedules", body(queue, "0 4 * * *")), 409);
  }

  @Test
  void unknownSchedulesAre404() {
    String queue = queue();
    api.post("api/queue/schedules", body(queue, "0 2 * * *"));
    String path = "api/queue/schedules/" + queue + "/none";

    assertProblem(api.get(path), 404);
    assertProblem(
        api.put(path, "{\"cron\":\"0 3 * * *\",\"task\":{\"type\":\"r\",\"payload\":1}}"), 404);
    assertProblem(api.delete(path), 404);
    assertProblem(api.post(path + "/pause", null), 404);
  }

  @Test
  void badSchedulesAreRefusedNamingTheField() {
    String queue = queue();
    String task = "\"task\":{\"type\":\"r\",\"payload\":{}}";
    String head = "{\"queue\":\"" + queue + "\",\"name\":\"n\",";

    assertBadField(
        api.post("api/queue/schedules", head + "\"cron\":\"61 * * * *\"," + task + "}"), "cron");
    assertBadField(
        api.post(
            "api/queue/schedules",
            head + "\"cron\":\"0 2 * * *\",\"zone\":\"Mars/Base\"," + task + "}"),
        "zone");
    assertBadField(api.post("api/queue/schedules", head + "\"cron\":\"0 2 * * *\"}"), "task");
    assertBadField(
        api.post(
            "api/queue/schedules",
            head
                + "\"cron\":\"0 2 * * *\",\"task\":{\"type\":\"r\",\"payload\":{},\"timeoutMs\":5}}"),
        "task.timeoutMs");
    assertBadField(
        api.post(
            "api/queue/schedules",
            head
                + "\"cron\":\"0 2 * * *\",\"task\":{\"type\":\"r\",\"payload\":{},\"runAt\":\"x\"}}"),
        "task.runAt");
    assertBadField(
        api.post("api/queue/schedules", head + "\"cron\":\"0 2 * * *\",\"task\":{\"type\":\"r\"}}"),
        "task.payload");
    assertBadField(
        api.post(
            "api/queue/schedules",
            head + "\"cron\":\"0 2 * * *\",\"missedFires\":\"ALWAYS\"," + task + "}"),
        "missedFires");
    assertBadField(
        api.post(
            "api/queue/schedules",
            "{\"queue\":\""
                + queue
                + "\",\"name\":\"bad name\",\"cron\":\"0 2 * * *\","
                + task
                + "}"),
        "name");
    assertThat(taskyard.schedules().list(queue)).isEmpty();
  }

  private String queue() {
    String queue = ItQueues.random();
    queues.add(queue);
    return queue;
  }

  private static String body(String queue, String cron) {
    return """
        {"queue":"%s","name":"nightly","cron":"%s","zone":"Europe/Berlin",
         "task":{"type":"report.build","payload":{"n":1},"priority":10}}"""
        .formatted(queue, cron);
  }
}
