package dev.taskyard.app.tasks;

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
import dev.taskyard.core.task.TaskState;
import dev.taskyard.core.worker.ClaimedTask;
import dev.taskyard.core.worker.Lease;
import dev.taskyard.core.worker.TaskLeases;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A queue's dead letters listed and replayed through the API, black-box on a real Payara Micro. */
@ExtendWith(ArquillianExtension.class)
class DeadLetterIT {
  private static final Duration AUDITED = Duration.ofSeconds(60);

  @ArquillianResource URL base;

  private final List<String> queues = new ArrayList<>();
  private Taskyard taskyard;
  private ApiClient operator;

  @Deployment(testable = false)
  static WebArchive app() {
    return TestStack.war();
  }

  @BeforeEach
  void connect() {
    taskyard = Taskyard.connect(TestStack.REDIS.url());
    operator = ApiClient.as(base, "it-operator", "it-operator-secret");
  }

  @AfterEach
  void cleanUp() {
    queues.forEach(q -> ItQueues.delete(taskyard, q));
    taskyard.close();
  }

  /**
   * A new queue holding {@code count} dead letters, failed oldest first; their ids in that order.
   */
  private List<String> deadLetters(String queue, int count) {
    queues.add(queue);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(
          taskyard
              .producer()
              .submit(queue, TaskRequest.of("it.doomed", "{\"n\":" + i + "}").withMaxAttempts(1))
              .id());
    }
    for (int i = 0; i < count; i++) {
      ClaimedTask claimed = taskyard.leases().claim(queue, "it", 1).tasks().get(0);
      taskyard
          .leases()
          .fail(
              queue, List.of(new TaskLeases.Failure(Lease.of(claimed), "doomed " + i, "", false)));
    }
    return ids;
  }

  private static List<String> ids(JsonObject page) {
    return page.getJsonArray("tasks").stream().map(t -> t.asJsonObject().getString("id")).toList();
  }

  @Test
  void deadLettersAreListedMostRecentFirstAPageAtATime() {
    String queue = ItQueues.random();
    List<String> failed = deadLetters(queue, 3);
    String path = "api/queue/queues/" + queue + "/dead-letters";

    HttpResponse<String> first =
        ApiClient.as(base, "it-viewer", "it-viewer-secret").get(path + "?limit=2");
    HttpResponse<String> second = operator.get(path + "?offset=2&limit=2");

    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    JsonObject page = json(first).asJsonObject();
    assertThat(page.getInt("total")).isEqualTo(3);
    assertThat(ids(page)).containsExactly(failed.get(2), failed.get(1));
    JsonObject newest = page.getJsonArray("tasks").getJsonObject(0);
    assertThat(newest.getString("state")).isEqualTo("FAILED");
    assertThat(newest.getString("error")).isEqualTo("doomed 2");
    assertThat(newest.getString("type")).isEqualTo("it.doomed");
    assertThat(ids(json(second).asJsonObject())).containsExactly(failed.get(0));
  }

  @Test
  void anOperatorReplaysNamedDeadLettersAndTheOldestAndEachReplayIsAudited() {
    String queue = ItQueues.random();
    List<String> failed = deadLetters(queue, 3);
    String replay = "api/queue/queues/" + queue + "/dead-letters/replay";
    String notDead = taskyard.producer().submit(queue, TaskRequest.of("it.fine", "{}")).id();

    HttpResponse<String> named =
        operator.post(replay, "{\"ids\":[\"" + failed.get(1) + "\",\"" + notDead + "\"]}");
    HttpResponse<String> oldest = operator.post(replay, "{\"oldest\":1}");

    assertThat(named.statusCode()).as(named.body()).isEqualTo(200);
    assertThat(json(named).asJsonObject().getJsonArray("ids").getValuesAs(JsonString::getString))
        .containsExactly(failed.get(1));
    assertThat(json(oldest).asJsonObject().getJsonArray("ids").getValuesAs(JsonString::getString))
        .containsExactly(failed.get(0));
    assertThat(taskyard.tasks().findAll(queue, failed))
        .extracting(t -> t.state())
        .containsExactly(TaskState.QUEUED, TaskState.QUEUED, TaskState.FAILED);
    List<JsonObject> entries =
        await()
            .atMost(AUDITED)
            .ignoreExceptions()
            .until(
                () ->
                    json(
                            ApiClient.asAdmin(base)
                                .get("api/audit?action=deadletter.replay&target=" + queue))
                        .asJsonObject()
                        .getJsonArray("entries")
                        .stream()
                        .map(JsonValue::asJsonObject)
                        .toList(),
                list -> list.size() == 2);
    assertThat(entries)
        .allSatisfy(
            e -> {
              assertThat(e.getString("actor")).isEqualTo("it-operator");
              assertThat(e.getString("result")).isEqualTo("succeeded");
            });
    assertThat(entries.get(1).getJsonObject("after").getJsonArray("ids").getString(0))
        .isEqualTo(failed.get(1));
  }

  @Test
  void aViewerMayListButNotReplay() {
    String queue = ItQueues.random();
    List<String> failed = deadLetters(queue, 1);
    ApiClient viewer = ApiClient.as(base, "it-viewer", "it-viewer-secret");

    assertProblem(
        viewer.post(
            "api/queue/queues/" + queue + "/dead-letters/replay",
            "{\"ids\":[\"" + failed.get(0) + "\"]}"),
        403);

    assertThat(taskyard.tasks().find(queue, failed.get(0)).orElseThrow().state())
        .isEqualTo(TaskState.FAILED);
  }

  @Test
  void anUnknownQueueIsNotFound() {
    String queue = ItQueues.random();

    assertThat(
            assertProblem(operator.get("api/queue/queues/" + queue + "/dead-letters"), 404)
                .getString("field"))
        .isEqualTo("queue");
    assertProblem(
        operator.post("api/queue/queues/" + queue + "/dead-letters/replay", "{\"oldest\":1}"), 404);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a limit of 0|?limit=0|limit",
        "a limit past the page|?limit=1001|limit",
        "a limit that is no number|?limit=ten|limit",
        "a negative offset|?offset=-1|offset"
      })
  void aBadListParameterIsRefusedNamingIt(String what, String query, String field) {
    String queue = ItQueues.random();
    deadLetters(queue, 1);

    assertBadField(operator.get("api/queue/queues/" + queue + "/dead-letters" + query), field);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no ids|{\"ids\":[]}|ids",
        "neither ids nor oldest|{}|ids",
        "both ids and oldest|{\"ids\":[\"0193c1d2-7a3e-7b21-9f00-3c5d6e7f8a9b\"],\"oldest\":1}|ids",
        "an id that is no task id|{\"ids\":[\"x\"]}|ids[0]",
        "an id that is no string|{\"ids\":[7]}|ids[0]",
        "none of the oldest|{\"oldest\":0}|oldest",
        "an unknown field|{\"oldest\":1,\"all\":true}|all"
      })
  void aBadReplayIsRefusedNamingTheFieldAndNothingIsReplayed(
      String what, String body, String field) {
    String queue = ItQueues.random();
    List<String> failed = deadLetters(queue, 1);

    assertBadField(
        operator.post("api/queue/queues/" + queue + "/dead-letters/replay", body), field);
    assertThat(taskyard.tasks().find(queue, failed.get(0)).orElseThrow().state())
        .isEqualTo(TaskState.FAILED);
  }
}
