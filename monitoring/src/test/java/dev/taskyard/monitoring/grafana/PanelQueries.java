package dev.taskyard.monitoring.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskyard.monitoring.MonitoringTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every panel's PromQL in the committed dashboards, ready to send to Prometheus: {@code $queue}
 * becomes a queue's name and {@code $__rate_interval} a range. An end-to-end test runs each against
 * a Prometheus fed by the real exporter and asserts it returns data. Some panels return data only
 * when the workload has what they show: a schedule (schedule lag) and a firing alert (the
 * firing-alerts tables).
 */
public final class PanelQueries {
  /** One query of one panel. */
  public record PanelQuery(String dashboard, String panel, String refId, String expr) {
    @Override
    public String toString() {
      return dashboard + " / " + panel + " / " + refId + ": " + expr;
    }
  }

  /** The range {@code $__rate_interval} becomes unless told: four 15 s scrapes. */
  public static final String RATE_INTERVAL = "1m";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{?(\\w+)}?");

  private PanelQueries() {}

  /** Every query of the repository's dashboards, for {@code queue}. */
  public static List<PanelQuery> forQueue(String queue) throws IOException {
    return forQueue(
        MonitoringTools.REPOSITORY.resolve(TaskyardDashboards.DIRECTORY), queue, RATE_INTERVAL);
  }

  /** Every query of the dashboards in {@code directory}, for {@code queue}. */
  public static List<PanelQuery> forQueue(Path directory, String queue, String rateInterval)
      throws IOException {
    List<PanelQuery> queries = new ArrayList<>();
    for (Map.Entry<String, JsonNode> dashboard : read(directory).entrySet()) {
      for (JsonNode panel : panels(dashboard.getValue())) {
        for (JsonNode target : panel.path("targets")) {
          queries.add(
              new PanelQuery(
                  dashboard.getKey(),
                  panel.path("title").asText(),
                  target.path("refId").asText(),
                  substitute(target.path("expr").asText(), queue, rateInterval)));
        }
      }
    }
    return queries;
  }

  /**
   * {@code expr} with the dashboards' variables filled in; a variable the dashboards do not define
   * is an error, so a new one cannot slip past the tests unsubstituted.
   */
  static String substitute(String expr, String queue, String rateInterval) {
    Matcher variable = VARIABLE.matcher(expr);
    StringBuilder filled = new StringBuilder();
    while (variable.find()) {
      String value =
          switch (variable.group(1)) {
            case "queue" -> queue;
            case "__rate_interval" -> rateInterval;
            default ->
                throw new IllegalArgumentException(
                    "unknown variable " + variable.group() + " in " + expr);
          };
      variable.appendReplacement(filled, Matcher.quoteReplacement(value));
    }
    return variable.appendTail(filled).toString();
  }

  /** The dashboards in {@code directory}, by file name. */
  static Map<String, JsonNode> read(Path directory) throws IOException {
    Map<String, JsonNode> dashboards = new TreeMap<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
        dashboards.put(file.getFileName().toString(), JSON.readTree(file.toFile()));
      }
    }
    return dashboards;
  }

  /** The panels that show data (rows' own panels included, the rows themselves not). */
  static List<JsonNode> panels(JsonNode dashboard) {
    List<JsonNode> panels = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      if ("row".equals(panel.path("type").asText())) {
        panel.path("panels").forEach(panels::add);
      } else {
        panels.add(panel);
      }
    }
    return panels;
  }
}
