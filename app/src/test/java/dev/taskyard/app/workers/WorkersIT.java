package dev.taskyard.app.workers;

import static dev.taskyard.app.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskyard.app.ApiClient;
import dev.taskyard.app.Browser;
import dev.taskyard.app.ItQueues;
import dev.taskyard.app.PayaraNode;
import dev.taskyard.app.TestStack;
import dev.taskyard.app.console.ConsolePage;
import dev.taskyard.core.Taskyard;
import dev.taskyard.core.enqueue.Submission;
import dev.taskyard.core.enqueue.TaskRequest;
import dev.taskyard.core.redis.QueueKeys;
import dev.taskyard.core.task.TaskRecord;
import dev.taskyard.core.task.TaskState;
import dev.taskyard.core.worker.WorkerPool;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.redisson.client.codec.StringCodec;

/**
 * Two app nodes (Arquillian's and one started here) with a {@link TaskType} handler added to the
 * built WAR, as an application would add its own, against one Redis and PostgreSQL.
 */
@ExtendWith(ArquillianExtension.class)
class WorkersIT {
  private static final String QUEUE = EchoHandler.QUEUE;
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static Path war;
  private static PayaraNode second;
  private static Taskyard taskyard;

  @ArquillianResource URL base;

  @Deployment(testable = false)
  static WebArchive app() {
    WebArchive app = TestStack.war().addClass(EchoHandler.class);
    war = TestStack.exported(app);
    return app;
  }

  @BeforeAll
  static void startSecondNode() {
    second = PayaraNode.start("it-workers-second-node", war, Map.of());
    taskyard = Taskyard.connect(TestStack.REDIS.url());
  }

  @AfterAll
  static void stopSecondNode() {
    try {
      if (second != null) {
        second.close();
      }
    } finally {
      if (taskyard != null) {
        taskyard.redisson().getKeys().deleteByPattern("ty:{" + QUEUE + "}:*");
        taskyard.redisson().getSet(QueueKeys.QUEUES, StringCodec.INSTANCE).remove(QUEUE);
        taskyard.close();
      }
    }
  }

  @Test
  void bothNodesRunTasksOfTheQueueAndEachTaskRunsOnceAndIsArchivedOnce() {
    String run = "two-nodes-" + UUID.randomUUID();
    List<TaskRequest> batch =
        IntStream.range(0, 200)
            .mapToObj(
                i ->
                    TaskRequest.of("it.echo", "{\"n\":" + i + "}").withCorrelationId(run + "-" + i))
            .toList();
    List<String> ids =
        taskyard.producer().submitAll(QUEUE, batch).stream().map(Submission::id).toList();

    await()
        .atMost(WAIT)
        .until(
            () ->
                taskyard.tasks().findAll(QUEUE, ids).stream()
                    .allMatch(t -> t.state() == TaskState.SUCCEEDED));
    List<TaskRecord> done = taskyard.tasks().findAll(QUEUE, ids);
    assertThat(done).allSatisfy(t -> assertThat(t.attempts()).isEqualTo(1));
    Set<String> ranOn =
        done.stream().map(t -> t.workerId().orElseThrow()).collect(Collectors.toSet());
    assertThat(ranOn).hasSize(2).isEqualTo(nodeIds(ApiClient.asAdmin(base)));

    // Both nodes' archivers share the stream's consumer group: each task is in the history once.
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              JsonObject page =
                  json(ApiClient.asAdmin(second.url()).get("api/queue/tasks?limit=500&q=" + run))
                      .asJsonObject();
              List<JsonObject> tasks = page.getJsonArray("tasks").getValuesAs(JsonObject.class);
              assertThat(tasks).allMatch(t -> t.getString("state").equals("SUCCEEDED"));
              assertThat(tasks.stream().map(t -> t.getString("id")).toList())
                  .containsExactlyInAnyOrderElementsOf(ids);
            });
  }

  /**
   * A node probed for readiness before anyone used it, as Kubernetes does: its Redis client's
   * threads then carry the server's own web module, not the application. Worker nodes joining (told
   * on such a thread) must not stop the console's live updates.
   */
  @Test
  void theConsoleOfTheSecondNodeStaysLiveWhenWorkersJoinAndLeave() {
    String shown = ItQueues.random();
    String busy = ItQueues.random();
    By queued = By.cssSelector("[data-queue='" + shown + "'] [data-field='queued']");
    try (Browser browser = Browser.start()) {
      taskyard.producer().submit(shown, TaskRequest.of("it.shown", "{}"));
      ConsolePage console =
          new ConsolePage(browser, second.url())
              .signedInAs(ApiClient.ADMIN_USER, ApiClient.ADMIN_PASSWORD)
              .waitForText(By.id("ty-live"), "Live")
              .waitForText(queued, "1");

      String joined;
      try (WorkerPool pool =
          taskyard.workerPool().queue(busy, 1).handler("it.noop", task -> null).start()) {
        joined = pool.workerId();
        await().atMost(WAIT).until(() -> nodeIds(ApiClient.asAdmin(second.url())).contains(joined));
        taskyard.producer().submit(shown, TaskRequest.of("it.shown", "{}"));
        console.waitForText(queued, "2");
      }
      await().atMost(WAIT).until(() -> !nodeIds(ApiClient.asAdmin(second.url())).contains(joined));
      taskyard.producer().submit(shown, TaskRequest.of("it.shown", "{}"));
      console.waitForText(queued, "3");
    } finally {
      ItQueues.delete(taskyard, shown);
      ItQueues.delete(taskyard, busy);
    }
  }

  @Test
  void eitherNodeListsBothWorkerNodesWithTheirQueues() {
    Set<String> fromFirst = nodeIds(ApiClient.asAdmin(base));
    Set<String> fromSecond = nodeIds(ApiClient.asAdmin(second.url()));

    assertThat(fromFirst).hasSize(2).isEqualTo(fromSecond);
    JsonArray nodes = workers(ApiClient.asAdmin(base));
    JsonObject local =
        nodes.stream()
            .map(JsonValue::asJsonObject)
            .filter(n -> n.getBoolean("local"))
            .findFirst()
            .orElseThrow();
    assertThat(local.getString("host")).isNotBlank();
    assertThat(local.getString("lastHeartbeat")).isNotBlank();
    assertThat(local.getJsonNumber("busy").intValue()).isNotNegative();
    // Only the handler the tests added: the demo's handlers are off unless the demo is.
    assertThat(local.getJsonArray("queues")).hasSize(1);
    JsonObject queue = local.getJsonArray("queues").getJsonObject(0);
    assertThat(queue.getString("queue")).isEqualTo(QUEUE);
    assertThat(queue.getInt("threads")).isPositive();
  }

  @Test
  void scalingAQueueChangesItsThreadsOnEveryNode() {
    ApiClient api = ApiClient.asAdmin(base);
    try {
      HttpResponse<String> response =
          api.put("api/queue/workers/" + QUEUE + "/threads", "{\"threads\": 2}");

      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      assertThat(json(response).asJsonObject().getInt("threads")).isEqualTo(2);
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertThat(threadsPerNode(ApiClient.asAdmin(second.url())))
                      .hasSize(2)
                      .allSatisfy(threads -> assertThat(threads).isEqualTo(2)));
    } finally {
      api.put("api/queue/workers/" + QUEUE + "/threads", "{\"threads\": 0}");
    }
  }

  @Test
  void scalingRefusesBadThreadCountsNamingTheField() {
    ApiClient api = ApiClient.asAdmin(base);
    String path = "api/queue/workers/" + QUEUE + "/threads";
    for (String body :
        List.of(
            "{\"threads\": -1}",
            "{\"threads\": 10001}",
            "{\"threads\": \"four\"}",
            "{}",
            "{\"threads\": 1.5}")) {
      HttpResponse<String> response = api.put(path, body);

      assertThat(response.statusCode()).as(body).isEqualTo(400);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValue("application/problem+json");
      assertThat(json(response).asJsonObject().getString("field")).as(body).isEqualTo("threads");
    }
    HttpResponse<String> malformed = api.put(path, "{\"threads\": ");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(json(malformed).asJsonObject().getString("field")).isEqualTo("body");
  }

  @Test
  void scalingAnUnknownQueueIsNotFound() {
    String queue = "it-" + UUID.randomUUID().toString().substring(0, 12);

    HttpResponse<String> response =
        ApiClient.asAdmin(base).put("api/queue/workers/" + queue + "/threads", "{\"threads\": 2}");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(json(response).asJsonObject().getString("field")).isEqualTo("queue");
    assertThat(taskyard.queues().queues()).doesNotContain(queue);
  }

  @Test
  void livenessIsUpWithTheWorkersRunning() {
    HttpResponse<String> response = ApiClient.anonymous(base).get("/health/live");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject workers =
        json(response).asJsonObject().getJsonArray("checks").stream()
            .map(JsonValue::asJsonObject)
            .filter(check -> check.getString("name").equals("workers"))
            .findFirst()
            .orElseThrow();
    assertThat(workers.getString("status")).isEqualTo("UP");
    // The local pool is the one checked: its id is one of the listed nodes.
    assertThat(nodeIds(ApiClient.asAdmin(base)))
        .contains(workers.getJsonObject("data").getString("workerId"));
  }

  private static JsonArray workers(ApiClient api) {
    HttpResponse<String> response = api.get("api/queue/workers");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json(response).asJsonArray();
  }

  private static Set<String> nodeIds(ApiClient api) {
    return workers(api).stream()
        .map(n -> n.asJsonObject().getString("id"))
        .collect(Collectors.toSet());
  }

  private static List<Integer> threadsPerNode(ApiClient api) {
    return workers(api).stream()
        .flatMap(n -> n.asJsonObject().getJsonArray("queues").stream())
        .map(JsonValue::asJsonObject)
        .filter(q -> q.getString("queue").equals(QUEUE))
        .map(q -> q.getInt("threads"))
        .toList();
  }
}
