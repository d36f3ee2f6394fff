package dev.taskyard.monitoring;

import static dev.taskyard.monitoring.BundleFiles.PROMETHEUS;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's {@code prometheus.yml} as a real Prometheus (Debian's 2.42) loads it: the rule
 * files, the targets and the Alertmanager from {@code targets/}, and every rule evaluated without
 * error.
 */
class PrometheusServerIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path storage;
  private static Process prometheus;
  private static URI api;

  @BeforeAll
  static void startPrometheus() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    api = URI.create("http://127.0.0.1:" + port + "/api/v1/");
    prometheus =
        new ProcessBuilder(
                MonitoringTools.tool("prometheus").toString(),
                "--config.file=" + PROMETHEUS.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + storage,
                "--web.listen-address=127.0.0.1:" + port)
            .redirectErrorStream(true)
            .redirectOutput(storage.resolve("prometheus.log").toFile())
            .start();
    await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(() -> get("status/config").path("status").asText().equals("success"));
  }

  @AfterAll
  static void stopPrometheus() throws InterruptedException {
    if (prometheus != null) {
      prometheus.destroy();
      if (!prometheus.waitFor(30, TimeUnit.SECONDS)) {
        prometheus.destroyForcibly();
      }
    }
  }

  @Test
  void everyRuleIsLoadedAndEvaluatesWithoutError() {
    int alerts = BundleFiles.alertRules().size();
    int records = BundleFiles.rules().size() - alerts;

    // the first evaluation comes within one evaluation_interval (15 s)
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              List<JsonNode> rules = new ArrayList<>();
              get("rules")
                  .path("data")
                  .path("groups")
                  .forEach(g -> g.path("rules").forEach(rules::add));
              assertThat(rules)
                  .filteredOn(r -> r.path("type").asText().equals("alerting"))
                  .hasSize(alerts);
              assertThat(rules)
                  .filteredOn(r -> r.path("type").asText().equals("recording"))
                  .hasSize(records);
              assertThat(rules)
                  .allSatisfy(
                      r ->
                          assertThat(r.path("health").asText())
                              .as(r.path("name").asText())
                              .isEqualTo("ok"));
            });
  }

  @Test
  void scrapesTheExporterAndTheAppFromTheTargetFiles() throws Exception {
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              List<String> targets = new ArrayList<>();
              get("targets")
                  .path("data")
                  .path("activeTargets")
                  .forEach(
                      t ->
                          targets.add(
                              t.path("labels").path("job").asText()
                                  + " "
                                  + t.path("scrapeUrl").asText()));
              assertThat(targets)
                  .containsExactlyInAnyOrder(
                      "taskyard-exporter http://localhost:9400/metrics",
                      "taskyard-app http://localhost:8080/metrics");
            });
  }

  @Test
  void sendsAlertsToTheAlertmanagerOfTheTargetFile() throws Exception {
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(get("alertmanagers").path("data").path("activeAlertmanagers"))
                    .extracting(a -> a.path("url").asText())
                    .containsExactly("http://localhost:9093/api/v2/alerts"));
  }

  private static JsonNode get(String path) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(api.resolve(path)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body());
  }
}
