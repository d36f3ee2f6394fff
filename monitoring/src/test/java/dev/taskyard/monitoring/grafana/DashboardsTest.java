package dev.taskyard.monitoring.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskyard.monitoring.MonitoringTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The committed dashboards in {@code grafana/dashboards}, read as Grafana would provision them. */
class DashboardsTest {
  private static final Path DIRECTORY =
      MonitoringTools.REPOSITORY.resolve(TaskyardDashboards.DIRECTORY);

  /** What the exporter publishes (the metric contract), and what Prometheus adds itself. */
  private static final Set<String> KNOWN_METRICS =
      Set.of(
          "taskyard_tasks",
          "taskyard_queue_oldest_task_age_seconds",
          "taskyard_queue_paused",
          "taskyard_tasks_enqueued_total",
          "taskyard_tasks_succeeded_total",
          "taskyard_tasks_failed_total",
          "taskyard_tasks_retried_total",
          "taskyard_tasks_dead_lettered_total",
          "taskyard_tasks_cancelled_total",
          "taskyard_tasks_replayed_total",
          "taskyard_leases_expired_total",
          "taskyard_dead_letters_trimmed_total",
          "taskyard_records_lost_total",
          "taskyard_task_duration_seconds_bucket",
          "taskyard_task_wait_seconds_bucket",
          "taskyard_worker_threads",
          "taskyard_worker_threads_busy",
          "taskyard_worker_nodes",
          "taskyard_queue_threshold_max_queued",
          "taskyard_queue_threshold_max_oldest_age_seconds",
          "taskyard_queue_threshold_max_failure_ratio",
          "taskyard_queue_timeout_seconds",
          "taskyard_archive_pending",
          "taskyard_archive_oldest_pending_age_seconds",
          "taskyard_archive_quarantined_total",
          "taskyard_archive_dropped_total",
          "taskyard_schedule_lag_seconds",
          "taskyard_schedule_paused",
          "taskyard_exporter_build_info",
          "taskyard_exporter_scrape_duration_seconds",
          "taskyard_exporter_scrape_success",
          "taskyard_redis_up",
          "up",
          "ALERTS",
          "scrape_duration_seconds",
          "scrape_samples_scraped");

  private static final Pattern METRIC =
      Pattern.compile("\\b(taskyard_\\w+|up|ALERTS|scrape_\\w+)\\b(?!\\s*\\()");

  private static Map<String, JsonNode> dashboards;

  @BeforeAll
  static void readDashboards() throws IOException {
    dashboards = PanelQueries.read(DIRECTORY);
  }

  @Test
  void committedDashboardsAreWhatTheGeneratorWrites() throws Exception {
    Map<String, ObjectNode> generated = TaskyardDashboards.all();
    assertThat(dashboards.keySet())
        .as("grafana/dashboards holds exactly the generated files")
        .containsExactlyInAnyOrderElementsOf(generated.keySet());
    for (var dashboard : generated.entrySet()) {
      assertThat(Files.readString(DIRECTORY.resolve(dashboard.getKey())))
          .as(
              "%s is stale: run ./mvnw -q -o -pl monitoring test-compile exec:java"
                  + " -Dexec.mainClass=dev.taskyard.monitoring.grafana.TaskyardDashboards"
                  + " -Dexec.classpathScope=test",
              dashboard.getKey())
          .isEqualTo(DashboardJson.text(dashboard.getValue()));
    }
  }

  @Test
  void theFourDashboardsHaveDistinctUidsAndTheCurrentSchema() {
    assertThat(dashboards.values())
        .extracting(d -> d.path("uid").asText())
        .containsExactlyInAnyOrder(
            "taskyard-overview", "taskyard-queue", "taskyard-workers", "taskyard-exporter");
    assertThat(dashboards.values())
        .allSatisfy(
            d -> {
              assertThat(d.path("schemaVersion").asInt()).isEqualTo(39);
              assertThat(d.path("id").isMissingNode() || d.path("id").isNull()).isTrue();
            });
  }

  @Test
  void everyDatasourceIsTheProvisionedPrometheusByUid() {
    for (var dashboard : dashboards.entrySet()) {
      List<JsonNode> datasources = new ArrayList<>();
      collect(dashboard.getValue(), "datasource", datasources);
      assertThat(datasources).as(dashboard.getKey()).isNotEmpty();
      assertThat(datasources)
          .as("%s: every datasource is referenced by uid", dashboard.getKey())
          .allSatisfy(
              ds -> {
                assertThat(ds.path("uid").asText()).isEqualTo(DashboardJson.DATASOURCE_UID);
                assertThat(ds.path("type").asText()).isEqualTo("prometheus");
              });
      assertThat(dashboard.getValue().toString())
          .as("%s: no import placeholders", dashboard.getKey())
          .doesNotContain("${DS_")
          .doesNotContain("__inputs");
    }
  }

  @Test
  void theQueueDashboardShowsTheQueueChosenAmongTheExportedQueues() {
    JsonNode queueDashboard = dashboards.get("taskyard-queue.json");
    JsonNode queue = variable(queueDashboard, "queue");
    assertThat(queue.path("type").asText()).isEqualTo("query");
    assertThat(queue.path("query").path("query").asText())
        .isEqualTo("label_values(taskyard_tasks, queue)");
    assertThat(queue.path("datasource").path("uid").asText())
        .isEqualTo(DashboardJson.DATASOURCE_UID);
    assertThat(targets(queueDashboard))
        .as("every query of the queue dashboard is about $queue")
        .allSatisfy(t -> assertThat(t.path("expr").asText()).contains("queue=\"$queue\""));
    assertThat(dashboards.entrySet())
        .filteredOn(d -> !d.getKey().equals("taskyard-queue.json"))
        .allSatisfy(d -> assertThat(targets(d.getValue()).toString()).doesNotContain("$queue"));
  }

  @Test
  void everyPanelHasAQueryAndAUnit() {
    for (var dashboard : dashboards.entrySet()) {
      List<JsonNode> panels = PanelQueries.panels(dashboard.getValue());
      assertThat(panels).as(dashboard.getKey()).hasSizeGreaterThanOrEqualTo(6);
      Set<String> titles = new HashSet<>();
      for (JsonNode panel : panels) {
        String where = dashboard.getKey() + " / " + panel.path("title").asText();
        assertThat(titles.add(panel.path("title").asText())).as("%s is unique", where).isTrue();
        assertThat(panel.path("type").asText()).as(where).isIn("timeseries", "stat", "table");
        assertThat(panel.path("fieldConfig").path("defaults").path("unit").asText())
            .as("%s has a unit", where)
            .isNotBlank();
        assertThat(panel.path("targets")).as("%s has a query", where).isNotEmpty();
        assertThat(panel.path("targets"))
            .allSatisfy(t -> assertThat(t.path("expr").asText()).as(where).isNotBlank());
      }
    }
  }

  @Test
  void panelsQueryOnlyTheContractsMetrics() {
    for (var dashboard : dashboards.entrySet()) {
      for (JsonNode target : targets(dashboard.getValue())) {
        Matcher metric = METRIC.matcher(target.path("expr").asText());
        List<String> used = new ArrayList<>();
        while (metric.find()) {
          used.add(metric.group(1));
        }
        assertThat(used).as(target.path("expr").asText()).isNotEmpty();
        assertThat(KNOWN_METRICS).as(dashboard.getKey()).containsAll(used);
      }
    }
  }

  @Test
  void everyQueuePanelLinksToTheQueuesConsolePage() {
    Map<String, Integer> queuePanels = new TreeMap<>();
    for (var dashboard : dashboards.entrySet()) {
      JsonNode consoleUrl = variable(dashboard.getValue(), "console_url");
      assertThat(consoleUrl.path("type").asText()).isEqualTo("textbox");
      assertThat(consoleUrl.path("query").asText()).isEqualTo("http://localhost:8080/taskyard-app");
      for (JsonNode panel : PanelQueries.panels(dashboard.getValue())) {
        String targets = panel.path("targets").toString();
        String where = dashboard.getKey() + " / " + panel.path("title").asText();
        if (targets.contains("$queue") || targets.contains("{{queue}}")) {
          queuePanels.merge(dashboard.getKey(), 1, Integer::sum);
        }
        if (targets.contains("$queue")) {
          assertThat(urls(panel.path("links")))
              .as("%s links to the console page of $queue", where)
              .contains("${console_url}/console/queues/edit.xhtml?queue=${queue}");
        } else if (targets.contains("{{queue}}")) {
          assertThat(urls(panel.path("fieldConfig").path("defaults").path("links")))
              .as("%s links each queue's series to its console page and dashboard", where)
              .contains(
                  "${console_url}/console/queues/edit.xhtml?queue=${__field.labels.queue}",
                  "/d/taskyard-queue/taskyard-queue?var-queue=${__field.labels.queue}"
                      + "&${__url_time_range}");
        }
      }
    }
    assertThat(queuePanels)
        .as("queue panels checked")
        .containsOnlyKeys("taskyard-overview.json", "taskyard-queue.json", "taskyard-workers.json");
  }

  private static List<String> urls(JsonNode links) {
    List<String> urls = new ArrayList<>();
    links.forEach(link -> urls.add(link.path("url").asText()));
    return urls;
  }

  private static JsonNode variable(JsonNode dashboard, String name) {
    return StreamSupport.stream(dashboard.path("templating").path("list").spliterator(), false)
        .filter(v -> v.path("name").asText().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(dashboard.path("uid") + " has no $" + name));
  }

  private static List<JsonNode> targets(JsonNode dashboard) {
    List<JsonNode> targets = new ArrayList<>();
    PanelQueries.panels(dashboard).forEach(p -> p.path("targets").forEach(targets::add));
    return targets;
  }

  private static void collect(JsonNode node, String field, List<JsonNode> found) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> entry : node.properties()) {
        if (entry.getKey().equals(field)) {
          found.add(entry.getValue());
        }
        collect(entry.getValue(), field, found);
      }
    } else if (node.isArray()) {
      node.forEach(child -> collect(child, field, found));
    }
  }
}
