package dev.taskyard.monitoring;

import static dev.taskyard.monitoring.BundleFiles.ALERTMANAGER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's inhibition rules in a real Alertmanager (Debian's {@code
 * prometheus-alertmanager}): alerts are posted to its API, and it says which it holds back. amtool
 * cannot test inhibition offline. Each test has its own server: inhibition is global state.
 */
class AlertmanagerInhibitionIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static final String EXPORTER = "exporter:9400";

  @TempDir Path storage;
  private Process alertmanager;
  private URI api;

  @BeforeEach
  void startAlertmanager() throws IOException {
    int port = freePort();
    api = URI.create("http://127.0.0.1:" + port + "/");
    alertmanager =
        new ProcessBuilder(
                MonitoringTools.tool("prometheus-alertmanager").toString(),
                "--config.file=alertmanager.yml",
                "--storage.path=" + storage,
                "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=")
            .directory(ALERTMANAGER.toFile())
            .redirectErrorStream(true)
            .redirectOutput(storage.resolve("alertmanager.log").toFile())
            .start();
    await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(() -> get("-/ready").statusCode() == 200);
  }

  @AfterEach
  void stopAlertmanager() throws InterruptedException {
    if (alertmanager != null) {
      alertmanager.destroy();
      if (!alertmanager.waitFor(30, TimeUnit.SECONDS)) {
        alertmanager.destroyForcibly();
      }
    }
  }

  @Test
  void redisDownHoldsBackTheQueueAlertsOfItsExporter() throws Exception {
    post(alert("TaskyardRedisDown", "critical", "taskyard-exporter", EXPORTER, null));
    post(alert("TaskyardBacklogAboveThreshold", "warning", "taskyard-exporter", EXPORTER, "a"));
    post(alert("TaskyardNoWorkers", "critical", "taskyard-exporter", EXPORTER, "b"));
    // another exporter, reading another Redis, still pages
    post(alert("TaskyardBacklogAboveThreshold", "warning", "taskyard-exporter", "other:9400", "a"));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(state("TaskyardBacklogAboveThreshold", EXPORTER, "a"))
                  .isEqualTo("suppressed");
              assertThat(state("TaskyardNoWorkers", EXPORTER, "b")).isEqualTo("suppressed");
            });
    assertThat(state("TaskyardBacklogAboveThreshold", "other:9400", "a")).isEqualTo("active");
    assertThat(state("TaskyardRedisDown", EXPORTER, null)).isEqualTo("active");
  }

  @Test
  void exporterDownHoldsBackItsQueueAlertsButNotTheAppDown() throws Exception {
    post(alert("TaskyardExporterDown", "critical", "taskyard-exporter", EXPORTER, null));
    post(alert("TaskyardFailureRatioHigh", "critical", "taskyard-exporter", EXPORTER, "a"));
    post(alert("TaskyardAppDown", "critical", "taskyard-app", "app:8080", null));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(state("TaskyardFailureRatioHigh", EXPORTER, "a"))
                    .isEqualTo("suppressed"));
    assertThat(state("TaskyardAppDown", "app:8080", null)).isEqualTo("active");
  }

  @Test
  void appDownHoldsBackNoWorkersButNotTheBacklog() throws Exception {
    post(alert("TaskyardAppDown", "critical", "taskyard-app", "app:8080", null));
    post(alert("TaskyardNoWorkers", "critical", "taskyard-exporter", EXPORTER, "a"));
    post(alert("TaskyardBacklogAboveThreshold", "warning", "taskyard-exporter", EXPORTER, "a"));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> assertThat(state("TaskyardNoWorkers", EXPORTER, "a")).isEqualTo("suppressed"));
    assertThat(state("TaskyardBacklogAboveThreshold", EXPORTER, "a")).isEqualTo("active");
  }

  private static Map<String, Object> alert(
      String name, String severity, String job, String instance, String queue) {
    Map<String, String> labels = new HashMap<>();
    labels.put("alertname", name);
    labels.put("severity", severity);
    labels.put("job", job);
    labels.put("instance", instance);
    if (queue != null) {
      labels.put("queue", queue);
    }
    return Map.of("labels", labels, "annotations", Map.of("summary", name));
  }

  private void post(Map<String, Object> alert) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(api.resolve("api/v2/alerts"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(List.of(alert))))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  /**
   * "active", or "suppressed" when an inhibition holds it back (then it names the inhibiting
   * alert), of the alert with that name, instance and queue (null: none).
   */
  private String state(String name, String instance, String queue) throws Exception {
    for (JsonNode alert : JSON.readTree(get("api/v2/alerts").body())) {
      JsonNode labels = alert.path("labels");
      if (labels.path("alertname").asText().equals(name)
          && labels.path("instance").asText().equals(instance)
          && labels.path("queue").asText("").equals(queue == null ? "" : queue)) {
        JsonNode status = alert.path("status");
        String state = status.path("state").asText();
        if (state.equals("suppressed")) {
          assertThat(status.path("inhibitedBy")).as("inhibited, not silenced").isNotEmpty();
        }
        return state;
      }
    }
    throw new AssertionError(name + " " + instance + " " + queue + " not received");
  }

  private HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(api.resolve(path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
