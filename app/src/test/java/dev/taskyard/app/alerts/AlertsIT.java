package dev.taskyard.app.alerts;

import static dev.taskyard.app.ApiClient.json;
import static dev.taskyard.app.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskyard.app.ApiClient;
import dev.taskyard.app.ItQueues;
import dev.taskyard.app.TestStack;
import dev.taskyard.core.Taskyard;
import dev.taskyard.core.control.BacklogThresholds;
import dev.taskyard.core.control.QueueSettings;
import dev.taskyard.core.enqueue.TaskRequest;
import dev.taskyard.core.redis.QueueKeys;
import dev.taskyard.core.worker.PermanentTaskFailure;
import dev.taskyard.core.worker.WorkerPool;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redisson.api.RScript;
import org.redisson.api.RStream;
import org.redisson.api.RTopic;
import org.redisson.api.stream.StreamMessageId;
import org.redisson.api.stream.StreamTrimArgs;
import org.redisson.client.codec.StringCodec;

/** Queue thresholds breached raise stored, announced alerts that clear when the queue recovers. */
@ExtendWith(ArquillianExtension.class)
class AlertsIT {
  private final String queue = ItQueues.random();
  private final Taskyard taskyard = Taskyard.connect(TestStack.REDIS.url());
  private final List<Runnable> listeners = new ArrayList<>();

  @ArquillianResource URL base;

  @Deployment(testable = false)
  static WebArchive app() {
    return TestStack.war();
  }

  @AfterEach
  void removeQueue() {
    listeners.forEach(Runnable::run);
    ItQueues.delete(taskyard, queue);
    taskyard.close();
  }

  @Test
  void aBreachedQueueRaisesAlertsThatResolveWhenItRecovers() {
    List<JsonObject> announced = announcements();
    taskyard
        .queues()
        .configure(
            queue,
            QueueSettings.defaults()
                .withThresholds(new BacklogThresholds(2, Duration.ZERO, 0, Duration.ofMinutes(5))));
    for (int i = 0; i < 3; i++) {
      taskyard.producer().submit(queue, TaskRequest.of("mail.send", "{}"));
    }

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> assertThat(kinds(alerts("open"))).containsOnly("BACKLOG", "NO_WORKERS"));
    JsonObject backlog = find(alerts("open"), "BACKLOG");
    assertThat(backlog.getString("severity")).isEqualTo("WARNING");
    assertThat(backlog.getJsonNumber("value").doubleValue()).isEqualTo(3);
    assertThat(backlog.getJsonNumber("threshold").doubleValue()).isEqualTo(2);
    assertThat(backlog.getString("message")).contains("3 tasks queued in " + queue);
    assertThat(find(alerts("open"), "NO_WORKERS").getString("severity")).isEqualTo("CRITICAL");
    acknowledgingNotesWhoAndWhenOnce(backlog.getJsonNumber("id").longValue());
    awaitAnnounced(
        announced,
        told ->
            assertThat(told)
                .containsExactlyInAnyOrder("alert.raised:BACKLOG", "alert.raised:NO_WORKERS"));

    try (WorkerPool pool =
        taskyard.workerPool().queue(queue, 2).handler("mail.send", task -> null).start()) {
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(alerts("open")).isEmpty());
    }
    JsonArray all = alerts("all");
    assertThat(kinds(all)).containsExactlyInAnyOrder("BACKLOG", "NO_WORKERS");
    assertThat(all.getValuesAs(JsonObject.class))
        .allSatisfy(alert -> assertThat(alert.getString("resolvedAt")).isNotBlank());
    awaitAnnounced(
        announced,
        told -> assertThat(told).contains("alert.resolved:BACKLOG", "alert.resolved:NO_WORKERS"));
  }

  @Test
  void aFloodedQueueRaisesAnAlertWhenItsSubmitCircuitOpens() {
    taskyard.queues().configure(queue, QueueSettings.defaults().withCapacity(1));
    ApiClient api = ApiClient.asAdmin(base);
    String task = "{\"queue\":\"" + queue + "\",\"type\":\"mail.send\",\"payload\":{}}";
    assertThat(api.post("api/queue/tasks", task).statusCode()).isEqualTo(201);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(api.post("api/queue/tasks", task).statusCode()).isEqualTo(503);
              assertThat(kinds(alerts("open"))).contains("SUBMIT_BREAKER_OPEN");
            });
    JsonObject alert = find(alerts("open"), "SUBMIT_BREAKER_OPEN");
    assertThat(alert.getString("severity")).isEqualTo("CRITICAL");
    assertThat(alert.getString("message")).contains(queue).contains("refused");
  }

  @Test
  void aQueueFailingMoreThanItsRatioRaisesAFailureAlert() {
    taskyard
        .queues()
        .configure(
            queue,
            QueueSettings.defaults()
                .withMaxAttempts(1)
                .withThresholds(
                    new BacklogThresholds(0, Duration.ZERO, 0.5, Duration.ofMinutes(1))));
    try (WorkerPool pool =
        taskyard
            .workerPool()
            .queue(queue, 2)
            .handler(
                "mail.send",
                task -> {
                  throw new PermanentTaskFailure("mail server refused");
                })
            .start()) {
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                taskyard.producer().submit(queue, TaskRequest.of("mail.send", "{}"));
                assertThat(kinds(alerts("open"))).contains("FAILURE_RATIO");
              });
    }
    JsonObject alert = find(alerts("open"), "FAILURE_RATIO");
    assertThat(alert.getJsonNumber("value").doubleValue()).isEqualTo(1.0);
    assertThat(alert.getJsonNumber("threshold").doubleValue()).isEqualTo(0.5);
    JsonObject backlog =
        json(ApiClient.asAdmin(base).get("health/backlog"))
            .asJsonObject()
            .getJsonArray("checks")
            .stream()
            .map(JsonValue::asJsonObject)
            .filter(check -> check.getString("name").equals(queue))
            .findFirst()
            .orElseThrow();
    assertThat(backlog.getString("status")).isEqualTo("DOWN");
    assertThat(backlog.getJsonObject("data").getString("breached")).isEqualTo("maxFailureRatio");
  }

  @Test
  void historyLeftUnarchivedPastItsLimitRaisesAnArchiveLagAlertThatResolvesOnceArchived() {
    taskyard.queues().change(queue, QueueSettings.defaults(), QueueSettings.defaults());
    String stream = new QueueKeys(queue).events();
    long tenMinutesAgo = System.currentTimeMillis() - Duration.ofMinutes(10).toMillis();
    // An event from ten minutes ago, read by an archiver that died before it wrote it: the lag a
    // dead node or a stuck archiver leaves (taken over only after taskyard.archive.claim-idle-ms).
    taskyard
        .redisson()
        .getScript(StringCodec.INSTANCE)
        .eval(
            RScript.Mode.READ_WRITE,
            """
            pcall(redis.call, 'XGROUP', 'CREATE', KEYS[1], ARGV[1], '0', 'MKSTREAM')
            redis.call('XADD', KEYS[1], ARGV[2], 'type', 'submitted', 'ids', 'x')
            redis.call('XREADGROUP', 'GROUP', ARGV[1], 'gone', 'COUNT', 1,
              'STREAMS', KEYS[1], '>')
            return 1""",
            RScript.ReturnType.LONG,
            List.of(stream),
            "taskyard-archiver",
            tenMinutesAgo + "-0");

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(kinds(alerts("open"))).containsExactly("ARCHIVE_LAG"));
    JsonObject lag = find(alerts("open"), "ARCHIVE_LAG");
    assertThat(lag.getString("severity")).isEqualTo("WARNING");
    assertThat(lag.getJsonNumber("value").doubleValue()).isGreaterThanOrEqualTo(600);
    assertThat(lag.getJsonNumber("threshold").doubleValue()).isEqualTo(300);
    assertThat(lag.getString("message"))
        .startsWith("the history of " + queue + " is ")
        .contains("1 events not yet in PostgreSQL");

    RStream<String, String> events = taskyard.redisson().getStream(stream, StringCodec.INSTANCE);
    events.ack("taskyard-archiver", new StreamMessageId(tenMinutesAgo, 0));
    events.trim(StreamTrimArgs.maxLen(0).noLimit());

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(alerts("open")).isEmpty());
    assertThat(kinds(alerts("all"))).containsExactly("ARCHIVE_LAG");
  }

  @Test
  void aNodeThatStopsBeatingRaisesALostAlertThatResolvesWhenItComesBack() {
    String node = "it-node-" + UUID.randomUUID();
    haltedPool(node);

    JsonObject lost =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> nodeAlert(node, "open"), Optional::isPresent)
            .orElseThrow();
    assertThat(lost.getString("kind")).isEqualTo("WORKER_LOST");
    assertThat(lost.getString("severity")).isEqualTo("WARNING");
    assertThat(lost.containsKey("queue")).isFalse();
    assertThat(lost.getString("message"))
        .startsWith("node " + node + " lost (last heartbeat at ")
        .contains("it served queues " + queue + ";")
        .endsWith("its running tasks run again after their leases)");
    // The API lists it too, as lost, with the queue it served.
    JsonObject listed =
        json(ApiClient.asAdmin(base).get("api/queue/workers")).asJsonArray().stream()
            .map(JsonValue::asJsonObject)
            .filter(n -> n.getString("id").equals(node))
            .findFirst()
            .orElseThrow();
    assertThat(listed.getBoolean("lost")).isTrue();
    assertThat(listed.getJsonArray("queues").getJsonObject(0).getString("queue")).isEqualTo(queue);
    long id = lost.getJsonNumber("id").longValue();
    HttpResponse<String> acknowledged =
        ApiClient.as(base, "it-operator", "it-operator-secret")
            .post("api/queue/alerts/" + id + "/acknowledge", null);
    assertThat(json(acknowledged).asJsonObject().getString("acknowledgedBy"))
        .isEqualTo("it-operator");
    assertThat(json(acknowledged).asJsonObject().containsKey("resolvedAt")).isFalse();

    try (WorkerPool back = taskyard.workerPool().workerId(node).queue(queue, 1).start()) {
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(nodeAlert(node, "open")).isEmpty());
    }
    assertThat(nodeAlert(node, "all").orElseThrow().getString("resolvedAt")).isNotBlank();
  }

  @Test
  void aLostNodeThatLeftQueuedTasksWithoutWorkersIsCriticalInsteadOfNoWorkers() {
    String node = "it-node-" + UUID.randomUUID();
    haltedPool(node);
    taskyard.producer().submit(queue, TaskRequest.of("mail.send", "{}"));

    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreException(NoSuchElementException.class)
        .untilAsserted(
            () ->
                assertThat(nodeAlert(node, "open").orElseThrow().getString("severity"))
                    .isEqualTo("CRITICAL"));
    assertThat(nodeAlert(node, "open").orElseThrow().getString("message"))
        .endsWith("; tasks are queued and no worker is left in " + queue);
    assertThat(kinds(alerts("all"))).doesNotContain("NO_WORKERS");

    // It comes back elsewhere and leaves properly: not lost any more, and its queue has no workers.
    String elsewhere = ItQueues.random();
    try {
      taskyard.workerPool().workerId(node).queue(elsewhere, 1).start().close();
    } finally {
      ItQueues.delete(taskyard, elsewhere);
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(nodeAlert(node, "open")).isEmpty();
              assertThat(kinds(alerts("open"))).containsExactly("NO_WORKERS");
            });
  }

  @Test
  void deadLettersRaiseOneAlertPerQueueWhoseCountGrowsAndAcknowledgingResolvesIt() {
    List<JsonObject> announced = announcements();
    taskyard.queues().configure(queue, QueueSettings.defaults().withMaxAttempts(1));
    try (WorkerPool pool =
        taskyard
            .workerPool()
            .queue(queue, 4)
            .handler(
                "mail.send",
                task -> {
                  throw new PermanentTaskFailure("mail server refused " + task.id());
                })
            .start()) {
      taskyard
          .producer()
          .submitAll(queue, Collections.nCopies(20, TaskRequest.of("mail.send", "{}")));
      await()
          .atMost(Duration.ofSeconds(30))
          .ignoreException(NoSuchElementException.class)
          .untilAsserted(
              () ->
                  assertThat(find(alerts("open"), "DEAD_LETTERED").getString("message"))
                      .startsWith("20 tasks dead-lettered in " + queue + " since ")
                      .contains(", last error: ")
                      .contains("mail server refused "));
      JsonObject alert = find(alerts("open"), "DEAD_LETTERED");
      assertThat(alert.getJsonNumber("value").doubleValue()).isEqualTo(20);
      assertThat(kinds(alerts("all"))).containsOnlyOnce("DEAD_LETTERED");
      awaitAnnounced(
          announced,
          told ->
              assertThat(told)
                  .filteredOn(t -> t.endsWith(":DEAD_LETTERED"))
                  .containsExactly("alert.raised:DEAD_LETTERED"));

      JsonObject acknowledged =
          json(ApiClient.as(base, "it-operator", "it-operator-secret")
                  .post("api/queue/alerts/" + alert.getJsonNumber("id") + "/acknowledge", null))
              .asJsonObject();
      assertThat(acknowledged.getString("resolvedAt")).isNotBlank();
      assertThat(kinds(alerts("open"))).doesNotContain("DEAD_LETTERED");

      taskyard.producer().submit(queue, TaskRequest.of("mail.send", "{}"));
      await()
          .atMost(Duration.ofSeconds(30))
          .ignoreException(NoSuchElementException.class)
          .untilAsserted(
              () ->
                  assertThat(find(alerts("open"), "DEAD_LETTERED").getString("message"))
                      .startsWith("1 task dead-lettered in " + queue + " since "));
    }

    taskyard.deadLetters().replayAll(queue, 100);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(kinds(alerts("open"))).doesNotContain("DEAD_LETTERED"));
    // The first, acknowledged, and the second, resolved by the replay (which left tasks queued
    // with no workers: NO_WORKERS).
    assertThat(kinds(alerts("all"))).filteredOn("DEAD_LETTERED"::equals).hasSize(2);
  }

  /** A pool of node {@code node} on the queue, halted as a crash would once it is listed. */
  private void haltedPool(String node) {
    WorkerPool pool = taskyard.workerPool().workerId(node).queue(queue, 2).start();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> taskyard.workers().nodes(queue).stream().anyMatch(n -> n.nodeId().equals(node)));
    pool.halt();
  }

  /** The alerts announced for this queue, as they come. */
  private List<JsonObject> announcements() {
    List<JsonObject> announced = new CopyOnWriteArrayList<>();
    RTopic channel = taskyard.redisson().getTopic(AlertPublisher.CHANNEL, StringCodec.INSTANCE);
    int listener =
        channel.addListener(
            String.class,
            (ch, message) -> {
              JsonObject event = Json.createReader(new StringReader(message)).readObject();
              if (event.getString("queue", "").equals(queue)) {
                announced.add(event);
              }
            });
    listeners.add(() -> channel.removeListener(listener));
    return announced;
  }

  /** Waits until what was announced, as {@code type:kind}, passes {@code check}. */
  private static void awaitAnnounced(List<JsonObject> announced, Consumer<List<String>> check) {
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                check.accept(
                    announced.stream()
                        .map(e -> e.getString("type") + ":" + e.getString("kind"))
                        .toList()));
  }

  private Optional<JsonObject> nodeAlert(String node, String state) {
    HttpResponse<String> response =
        ApiClient.asAdmin(base).get("api/queue/alerts?limit=1000&state=" + state);
    assertThat(response.statusCode()).isEqualTo(200);
    return json(response).asJsonArray().getValuesAs(JsonObject.class).stream()
        .filter(a -> a.getString("node", "").equals(node))
        .findFirst();
  }

  @Test
  void badParametersAreRejectedNamingThem() {
    ApiClient api = ApiClient.asAdmin(base);
    for (String[] bad :
        new String[][] {{"state=closed", "state"}, {"limit=ten", "limit"}, {"limit=0", "limit"}}) {
      HttpResponse<String> response = api.get("api/queue/alerts?" + bad[0]);

      assertThat(response.statusCode()).as(bad[0]).isEqualTo(400);
      assertThat(json(response).asJsonObject().getString("field")).isEqualTo(bad[1]);
    }
  }

  private void acknowledgingNotesWhoAndWhenOnce(long id) {
    String path = "api/queue/alerts/" + id + "/acknowledge";
    assertProblem(ApiClient.as(base, "it-viewer", "it-viewer-secret").post(path, null), 403);

    HttpResponse<String> first =
        ApiClient.as(base, "it-operator", "it-operator-secret").post(path, null);
    assertThat(first.statusCode()).isEqualTo(200);
    JsonObject acknowledged = json(first).asJsonObject();
    assertThat(acknowledged.getString("acknowledgedBy")).isEqualTo("it-operator");
    assertThat(acknowledged.getString("acknowledgedAt")).isNotBlank();

    JsonObject again = json(ApiClient.asAdmin(base).post(path, null)).asJsonObject();
    assertThat(again.getString("acknowledgedBy")).isEqualTo("it-operator");
    assertThat(again.getString("acknowledgedAt"))
        .isEqualTo(acknowledged.getString("acknowledgedAt"));
    assertThat(find(alerts("open"), "BACKLOG").getString("acknowledgedBy"))
        .isEqualTo("it-operator");
    assertProblem(
        ApiClient.asAdmin(base).post("api/queue/alerts/999999999/acknowledge", null), 404);
  }

  private JsonArray alerts(String state) {
    HttpResponse<String> response =
        ApiClient.asAdmin(base).get("api/queue/alerts?state=" + state + "&queue=" + queue);
    assertThat(response.statusCode()).isEqualTo(200);
    return json(response).asJsonArray();
  }

  private static List<String> kinds(JsonArray alerts) {
    return alerts.getValuesAs(JsonObject.class).stream().map(a -> a.getString("kind")).toList();
  }

  private static JsonObject find(JsonArray alerts, String kind) {
    return alerts.stream()
        .map(JsonValue::asJsonObject)
        .filter(a -> a.getString("kind").equals(kind))
        .findFirst()
        .orElseThrow();
  }
}
