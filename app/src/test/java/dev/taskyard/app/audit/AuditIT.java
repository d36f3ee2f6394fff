package dev.taskyard.app.audit;

import static dev.taskyard.app.ApiClient.json;
import static dev.taskyard.app.Problems.assertBadField;
import static dev.taskyard.app.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskyard.app.ApiClient;
import dev.taskyard.app.ItQueues;
import dev.taskyard.app.TestStack;
import dev.taskyard.core.Taskyard;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.URL;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The audit log black-box: mutations made through the API on a real Payara Micro appear in {@code
 * GET /api/audit} (from Redis, through the archiver, in PostgreSQL) with who, role, action, target,
 * before/after, status and address; filters, cursor paging while entries arrive, CSV and JSON
 * export; and no entry is lost while PostgreSQL or Redis is stopped.
 */
@ExtendWith(ArquillianExtension.class)
class AuditIT {
  private static final Duration LISTED = Duration.ofSeconds(60);

  @ArquillianResource URL base;

  private final List<String> queues = new ArrayList<>();
  private Taskyard taskyard;
  private ApiClient admin;

  @Deployment(testable = false)
  static WebArchive app() {
    return TestStack.war();
  }

  @BeforeEach
  void connect() {
    taskyard = Taskyard.connect(TestStack.REDIS.url());
    admin = ApiClient.asAdmin(base);
  }

  @AfterEach
  void cleanUp() {
    queues.forEach(q -> ItQueues.delete(taskyard, q));
    taskyard.close();
  }

  @Test
  void everyMutationThroughTheApiIsRecordedWithWhoWhatTargetResultAndAddress() {
    String queue = ItQueues.random();
    queues.add(queue);
    ApiClient operator = ApiClient.as(base, "it-operator", "it-operator-secret");

    String id = submit(admin, queue);
    assertStatus(admin.put("api/queue/task/" + id + "/priority", "{\"priority\":700}"), 200);
    assertStatus(admin.post("api/queue/task/" + id + "/cancel", null), 200);
    assertStatus(admin.post("api/queue/task/" + id + "/retry", null), 200);
    assertStatus(operator.post("api/queue/queues/" + queue + "/pause", null), 204);
    assertStatus(operator.post("api/queue/queues/" + queue + "/resume", null), 204);
    assertStatus(admin.put("api/queue/queues/" + queue + "/settings", "{\"maxAttempts\":7}"), 200);
    assertBadField(
        admin.put("api/queue/queues/" + queue + "/settings", "{\"maxAttempts\":-1}"),
        "maxAttempts");
    String unknownTask = "0190a4f2-0000-7000-8000-00000000abcd";
    assertProblem(admin.post("api/queue/task/" + unknownTask + "/retry", null), 404);
    // A viewer is refused by the container before JAX-RS: not in the audit log (see docs).
    assertProblem(
        ApiClient.as(base, "it-viewer", "it-viewer-secret")
            .post("api/queue/queues/" + queue + "/pause", null),
        403);

    List<JsonObject> byQueue = awaitEntries("target=" + queue, 5);
    List<JsonObject> byTask = awaitEntries("target=" + id, 3);
    List<JsonObject> unknown = awaitEntries("target=" + unknownTask, 1);

    // Newest first.
    assertThat(byQueue.stream().map(e -> e.getString("action")))
        .containsExactly(
            "queue.settings", "queue.settings", "queue.resume", "queue.pause", "task.submit");
    JsonObject refused = byQueue.get(0);
    assertEntry(refused, "admin", "admin", "queue.settings", 400, "refused");
    JsonObject settings = byQueue.get(1);
    assertEntry(settings, "admin", "admin", "queue.settings", 200, "succeeded");
    assertThat(settings.getJsonObject("before").getInt("maxAttempts")).isNotEqualTo(7);
    assertThat(settings.getJsonObject("after").getInt("maxAttempts")).isEqualTo(7);
    assertThat(settings.getJsonObject("after").getJsonObject("workers")).isNotNull();
    assertEntry(byQueue.get(2), "it-operator", "operator", "queue.resume", 204, "succeeded");
    assertEntry(byQueue.get(3), "it-operator", "operator", "queue.pause", 204, "succeeded");
    JsonObject submitted = byQueue.get(4);
    assertEntry(submitted, "admin", "admin", "task.submit", 201, "succeeded");
    assertThat(submitted.getJsonObject("after").getJsonArray("ids").getString(0)).isEqualTo(id);

    assertThat(byTask.stream().map(e -> e.getString("action")))
        .containsExactly("task.retry", "task.cancel", "task.priority");
    JsonObject priority = byTask.get(2);
    assertEntry(priority, "admin", "admin", "task.priority", 200, "succeeded");
    assertThat(priority.getJsonObject("after").getInt("priority")).isEqualTo(700);
    assertThat(priority.getJsonObject("before").getInt("priority")).isNotEqualTo(700);
    assertThat(byTask.get(0).containsKey("before")).isFalse();
    assertEntry(unknown.get(0), "admin", "admin", "task.retry", 404, "refused");
  }

  @Test
  void theAuditLogIsTheAdministratorsAlone() {
    assertProblem(ApiClient.as(base, "it-operator", "it-operator-secret").get("api/audit"), 403);
    assertProblem(ApiClient.as(base, "it-viewer", "it-viewer-secret").get("api/audit"), 403);
    assertProblem(ApiClient.as(base, "it-viewer", "it-viewer-secret").get("api/audit/export"), 403);
    assertProblem(ApiClient.anonymous(base).get("api/audit"), 401);
    HttpResponse<String> page = admin.get("api/audit?limit=1");
    assertStatus(page, 200);
    assertThat(json(page).asJsonObject().containsKey("lostOnThisNode")).isTrue();
  }

  @Test
  void filtersNarrowTheListAndPagesStayStableWhileEntriesArrive() {
    String queue = queue();
    ApiClient operator = ApiClient.as(base, "it-operator", "it-operator-secret");
    Instant start = Instant.now();
    for (int i = 0; i < 3; i++) {
      assertStatus(admin.post("api/queue/queues/" + queue + "/pause", null), 204);
      assertStatus(operator.post("api/queue/queues/" + queue + "/resume", null), 204);
    }
    List<JsonObject> first = awaitEntries("target=" + queue, 7);
    List<Long> ids = first.stream().map(e -> e.getJsonNumber("id").longValue()).toList();

    assertThat(entries("target=" + queue + "&actor=it-operator"))
        .hasSize(3)
        .allMatch(e -> e.getString("action").equals("queue.resume"));
    assertThat(entries("target=" + queue + "&action=queue.pause")).hasSize(3);
    assertThat(entries("target=" + queue + "&action=queue.pause&actor=it-operator")).isEmpty();
    assertThat(entries("target=" + queue + "&from=" + Instant.now().plusSeconds(3600))).isEmpty();
    assertThat(entries("target=" + queue + "&to=" + start.minusSeconds(3600))).isEmpty();
    assertThat(entries("target=" + queue + "&from=" + start.minusSeconds(60))).hasSize(7);

    // Page by 3; between the pages, newer entries arrive: the pages still hold the first ones.
    JsonObject page1 = page("target=" + queue + "&limit=3");
    assertStatus(admin.post("api/queue/queues/" + queue + "/pause", null), 204);
    assertStatus(admin.post("api/queue/queues/" + queue + "/resume", null), 204);
    awaitEntries("target=" + queue, 9);
    List<Long> paged = new ArrayList<>(ids(page1));
    JsonObject page = page1;
    while (page.containsKey("next")) {
      page =
          page(
              "target="
                  + queue
                  + "&limit=3&cursor="
                  + URLEncoder.encode(page.getString("next"), StandardCharsets.UTF_8));
      paged.addAll(ids(page));
    }
    assertThat(paged).isEqualTo(ids);
  }

  @Test
  void badFilterValuesAnswer400NamingTheField() {
    for (String[] bad :
        new String[][] {
          {"from=yesterday", "from"},
          {"to=2026-02-30T00:00:00Z", "to"},
          {"from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", "to"},
          {"limit=0", "limit"},
          {"limit=100000", "limit"},
          {"cursor=abc", "cursor"},
          {"actor=" + "a".repeat(201), "actor"},
          {"action=%01", "action"},
          {
            "target="
                + URLEncoder.encode("x'; drop table audit_log; --", StandardCharsets.UTF_8)
                + "&limit=x",
            "limit"
          }
        }) {
      assertBadField(admin.get("api/audit?" + bad[0]), bad[1]);
    }
    assertBadField(admin.get("api/audit/export?format=xlsx"), "format");
    assertBadField(admin.get("api/audit/export?format=csv&from=soon"), "from");
  }

  @Test
  void theFilteredSetExportsAsCsvAndAsJson() {
    String queue = queue();
    assertStatus(admin.post("api/queue/queues/" + queue + "/pause", null), 204);
    assertStatus(admin.put("api/queue/queues/" + queue + "/settings", "{\"maxAttempts\":4}"), 200);
    assertStatus(admin.post("api/queue/queues/" + queue + "/resume", null), 204);
    List<JsonObject> listed = awaitEntries("target=" + queue, 4);

    HttpResponse<String> csv = admin.get("api/audit/export?format=csv&target=" + queue);
    assertStatus(csv, 200);
    assertThat(csv.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
    assertThat(csv.headers().firstValue("Content-Disposition"))
        .hasValueSatisfying(d -> assertThat(d).startsWith("attachment"));
    List<String> lines = List.of(csv.body().split("\r\n"));
    assertThat(lines.get(0))
        .isEqualTo("id,at,actor,role,action,target,status,result,address,before,after");
    assertThat(lines).hasSize(1 + listed.size());
    assertThat(lines.subList(1, lines.size()))
        .allMatch(l -> l.contains(",admin,admin,") && l.contains("," + queue + ","));
    String settingsLine =
        lines.stream().filter(l -> l.contains("queue.settings")).findFirst().orElseThrow();
    // JSON is one quoted field, its quotes doubled.
    assertThat(settingsLine).contains(",\"{\"\"").contains("\"\"maxAttempts\"\": 4,");

    HttpResponse<String> exported = admin.get("api/audit/export?format=json&target=" + queue);
    assertStatus(exported, 200);
    assertThat(exported.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    JsonArray array = Json.createReader(new StringReader(exported.body())).readArray();
    assertThat(array.stream().map(JsonValue::asJsonObject).toList()).isEqualTo(listed);
  }

  @Test
  void nothingIsLostWhilePostgresqlIsStoppedAndEntriesAppearOnceItIsBack() {
    String queue = queue();
    assertStatus(admin.post("api/queue/queues/" + queue + "/pause", null), 204);
    awaitEntries("target=" + queue, 2);
    long lostBefore = page("limit=1").getJsonNumber("lostOnThisNode").longValue();

    TestStack.POSTGRES.stop();
    try {
      for (int i = 0; i < 3; i++) {
        // Redis alone: the mutations go on, their entries wait in the stream.
        assertStatus(admin.post("api/queue/queues/" + queue + "/resume", null), 204);
        assertStatus(admin.post("api/queue/queues/" + queue + "/pause", null), 204);
      }
      assertProblem(admin.get("api/audit?target=" + queue), 503);
    } finally {
      TestStack.POSTGRES.restart();
    }

    List<JsonObject> all = awaitEntries("target=" + queue, 8);
    assertThat(all.stream().map(e -> e.getJsonNumber("id").longValue())).doesNotHaveDuplicates();
    assertThat(
            all.stream()
                .collect(Collectors.groupingBy(e -> e.getString("action"), Collectors.counting())))
        .isEqualTo(Map.of("task.submit", 1L, "queue.pause", 4L, "queue.resume", 3L));
    await()
        .atMost(LISTED)
        .untilAsserted(
            () -> assertThat(page("limit=1").getJsonNumber("pending").longValue()).isZero());
    assertThat(page("limit=1").getJsonNumber("lostOnThisNode").longValue()).isEqualTo(lostBefore);
  }

  @Test
  void withRedisStoppedEntriesGoToPostgresqlDirectlyAndWithBothStoppedTheyAreCounted() {
    String queue = queue();
    awaitEntries("target=" + queue, 1);
    // What the stream holds when Redis stops is gone with it: let the archiver empty it first.
    await()
        .atMost(LISTED)
        .untilAsserted(
            () -> assertThat(page("limit=1").getJsonNumber("pending").longValue()).isZero());
    long lostBefore = page("limit=1").getJsonNumber("lostOnThisNode").longValue();

    TestStack.REDIS.stop();
    try {
      // Refused for want of Redis, and recorded as such, in PostgreSQL.
      assertProblem(admin.post("api/queue/queues/" + queue + "/pause", null), 503);
      List<JsonObject> entries = awaitEntries("target=" + queue, 2);
      assertEntry(entries.get(0), "admin", "admin", "queue.pause", 503, "failed");
      assertThat(page("limit=1").containsKey("pending")).isFalse();

      TestStack.POSTGRES.stop();
      try {
        assertProblem(admin.post("api/queue/queues/" + queue + "/resume", null), 503);
      } finally {
        TestStack.POSTGRES.restart();
      }
    } finally {
      TestStack.REDIS.restart();
    }
    await()
        .atMost(LISTED)
        .ignoreExceptions()
        .untilAsserted(
            () ->
                assertThat(page("limit=1").getJsonNumber("lostOnThisNode").longValue())
                    .isEqualTo(lostBefore + 1));
    assertThat(entries("target=" + queue)).hasSize(2);

    // Its breaker kept entries off Redis while Redis was away: wait until it lets them on again.
    await()
        .atMost(LISTED)
        .untilAsserted(
            () -> {
              admin.post("api/queue/queues/" + queue + "/resume", null);
              assertThat(
                      json(admin.get("api/queue/breakers"))
                          .asJsonObject()
                          .getJsonArray("redis")
                          .stream()
                          .map(JsonValue::asJsonObject)
                          .filter(c -> c.getString("name").equals("AuditStream.append"))
                          .map(c -> c.getString("state")))
                  .containsExactly("CLOSED");
            });
  }

  private String queue() {
    String queue = ItQueues.random();
    queues.add(queue);
    submit(admin, queue);
    return queue;
  }

  private static String submit(ApiClient api, String queue) {
    HttpResponse<String> response =
        api.post(
            "api/queue/tasks",
            "{\"queue\":\"" + queue + "\",\"type\":\"it.audit\",\"payload\":{},\"priority\":3}");
    assertStatus(response, 201);
    return json(response).asJsonObject().getString("id");
  }

  private void assertEntry(
      JsonObject entry, String actor, String role, String action, int status, String result) {
    assertThat(entry.getString("actor")).as(entry.toString()).isEqualTo(actor);
    assertThat(entry.getString("role")).as(entry.toString()).isEqualTo(role);
    assertThat(entry.getString("action")).as(entry.toString()).isEqualTo(action);
    assertThat(entry.getInt("status")).as(entry.toString()).isEqualTo(status);
    assertThat(entry.getString("result")).as(entry.toString()).isEqualTo(result);
    assertThat(entry.getString("address")).as(entry.toString()).isIn(clientAddresses());
    assertThat(Instant.parse(entry.getString("at"))).isBefore(Instant.now().plusSeconds(5));
  }

  /**
   * The addresses the server may see this test's requests come from: the loopback addresses, or the
   * server's own address when the test connects to that.
   */
  private Set<String> clientAddresses() {
    Set<String> addresses = new HashSet<>(Set.of("127.0.0.1", "0:0:0:0:0:0:0:1", "::1"));
    try {
      for (InetAddress a : InetAddress.getAllByName(base.getHost())) {
        addresses.add(a.getHostAddress());
      }
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
    return addresses;
  }

  /** Waits until the filter lists exactly {@code count} entries (all on one page); newest first. */
  private List<JsonObject> awaitEntries(String filter, int count) {
    List<List<JsonObject>> seen = new ArrayList<>();
    await()
        .atMost(LISTED)
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              List<JsonObject> now = entries(filter);
              assertThat(now).hasSize(count);
              seen.add(now);
            });
    return seen.get(seen.size() - 1);
  }

  private List<JsonObject> entries(String filter) {
    return page(filter + "&limit=500").getJsonArray("entries").stream()
        .map(JsonValue::asJsonObject)
        .toList();
  }

  private JsonObject page(String query) {
    HttpResponse<String> response = admin.get("api/audit?" + query);
    assertStatus(response, 200);
    return json(response).asJsonObject();
  }

  private static List<Long> ids(JsonObject page) {
    return page.getJsonArray("entries").stream()
        .map(e -> e.asJsonObject().getJsonNumber("id").longValue())
        .toList();
  }

  private static void assertStatus(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
  }
}
