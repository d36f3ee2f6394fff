package dev.taskyard.monitoring.grafana;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds Grafana dashboard JSON (schema 39, Grafana 10.4 and later) the same way for every panel,
 * so the committed files stay uniform: the datasource by uid everywhere, a unit on every panel,
 * panels laid out left to right on Grafana's 24-column grid.
 */
final class DashboardJson {
  static final String DATASOURCE_UID = "taskyard-prometheus";
  static final String CONSOLE_URL_DEFAULT = "http://localhost:8080/taskyard-app";

  /** The console's page of one queue; {@code queue} is a Grafana variable expression. */
  static String consoleQueuePage(String queue) {
    return "${console_url}/console/queues/edit.xhtml?queue=" + queue;
  }

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int GRID_WIDTH = 24;

  /** One PromQL query of a panel and how its series are named in the legend. */
  record Query(String expr, String legend) {}

  /** What a panel's series are: one queue's, several queues' (a {@code queue} label), or none. */
  enum Scope {
    /** Series of the dashboard's {@code $queue}: the panel links to that queue's console page. */
    QUEUE_VARIABLE,
    /** Series labelled {@code queue}: each links to its queue's console page and drill-down. */
    QUEUE_LABEL,
    /** Not about one queue (workers overall, the exporter, Prometheus). */
    NONE
  }

  private final String uid;
  private final String title;
  private final String description;
  private final boolean queueVariable;
  private final ArrayNode panels = NODES.arrayNode();
  private int nextId = 1;
  private int x;
  private int y;
  private int rowHeight;

  private DashboardJson(String uid, String title, String description, boolean queueVariable) {
    this.uid = uid;
    this.title = title;
    this.description = description;
    this.queueVariable = queueVariable;
  }

  /** A dashboard over all queues. */
  static DashboardJson allQueues(String uid, String title, String description) {
    return new DashboardJson(uid, title, description, false);
  }

  /** A dashboard of the one queue chosen in its {@code $queue} variable. */
  static DashboardJson oneQueue(String uid, String title, String description) {
    return new DashboardJson(uid, title, description, true);
  }

  /** A collapsible heading across the grid; the next panels go below it. */
  DashboardJson row(String rowTitle) {
    newLine();
    ObjectNode row = panels.addObject();
    row.put("type", "row");
    row.put("title", rowTitle);
    row.put("id", nextId++);
    row.put("collapsed", false);
    row.set("gridPos", gridPos(GRID_WIDTH, 1));
    row.putArray("panels");
    y += 1;
    return this;
  }

  /** A time series panel. */
  DashboardJson timeseries(
      String panelTitle, String panelDescription, String unit, Scope scope, Query... queries) {
    ObjectNode panel = panel("timeseries", panelTitle, panelDescription, unit, scope, 12, 8);
    defaults(panel).put("min", 0);
    ObjectNode options = panel.putObject("options");
    options
        .putObject("legend")
        .put("displayMode", "list")
        .put("placement", "bottom")
        .put("showLegend", true);
    options.putObject("tooltip").put("mode", "multi").put("sort", "desc");
    addTargets(panel, queries, false);
    return this;
  }

  /** When a stat turns red: from a value up, or below it; {@code null} for never. */
  record Red(double value, boolean below) {
    static Red from(double value) {
      return new Red(value, false);
    }

    static Red below(double value) {
      return new Red(value, true);
    }
  }

  /** A single big number (the last value), red as {@code red} says, green otherwise. */
  DashboardJson stat(
      String panelTitle,
      String panelDescription,
      String unit,
      Scope scope,
      Red red,
      Query... queries) {
    ObjectNode panel = panel("stat", panelTitle, panelDescription, unit, scope, 4, 4);
    ArrayNode steps =
        defaults(panel).putObject("thresholds").put("mode", "absolute").putArray("steps");
    if (red == null) {
      steps.addObject().put("color", "green").putNull("value");
    } else if (red.below()) {
      steps.addObject().put("color", "red").putNull("value");
      steps.addObject().put("color", "green").put("value", red.value());
    } else {
      steps.addObject().put("color", "green").putNull("value");
      steps.addObject().put("color", "red").put("value", red.value());
    }
    ObjectNode options = panel.putObject("options");
    options.putObject("reduceOptions").put("values", false).putArray("calcs").add("lastNotNull");
    options.put("colorMode", "value").put("graphMode", "area").put("textMode", "auto");
    addTargets(panel, queries, false);
    return this;
  }

  /** A table of the current values (instant queries), without the time and value columns. */
  DashboardJson table(
      String panelTitle, String panelDescription, String unit, Scope scope, Query... queries) {
    ObjectNode panel = panel("table", panelTitle, panelDescription, unit, scope, 24, 8);
    panel.putObject("options").put("showHeader", true);
    ObjectNode hidden =
        panel
            .putArray("transformations")
            .addObject()
            .put("id", "organize")
            .putObject("options")
            .putObject("excludeByName");
    hidden.put("Time", true).put("Value", true).put("__name__", true);
    addTargets(panel, queries, true);
    return this;
  }

  /** The dashboard as Grafana stores it. */
  ObjectNode build() {
    ObjectNode dashboard = NODES.objectNode();
    dashboard.put("uid", uid);
    dashboard.put("title", title);
    dashboard.put("description", description);
    dashboard.putArray("tags").add("taskyard");
    dashboard.put("schemaVersion", 39);
    dashboard.put("version", 1);
    dashboard.put("editable", true);
    dashboard.put("graphTooltip", 1);
    dashboard.put("refresh", "30s");
    dashboard.putObject("time").put("from", "now-6h").put("to", "now");
    dashboard.put("timezone", "browser");
    ArrayNode links = dashboard.putArray("links");
    links
        .addObject()
        .put("title", "Taskyard")
        .put("type", "dashboards")
        .put("asDropdown", true)
        .put("includeVars", false)
        .put("keepTime", true)
        .putArray("tags")
        .add("taskyard");
    if (queueVariable) {
      links
          .addObject()
          .put("title", "Queue in the console")
          .put("type", "link")
          .put("url", consoleQueuePage("${queue}"))
          .put("targetBlank", true);
      links
          .addObject()
          .put("title", "Console dashboard")
          .put("type", "link")
          .put("url", "${console_url}/console/?queue=${queue}")
          .put("targetBlank", true);
    }
    dashboard.putObject("annotations").putArray("list");
    ArrayNode variables = dashboard.putObject("templating").putArray("list");
    if (queueVariable) {
      String definition = "label_values(taskyard_tasks, queue)";
      ObjectNode queue = variables.addObject();
      queue.put("name", "queue").put("label", "Queue").put("type", "query");
      queue.set("datasource", datasource());
      queue.put("definition", definition);
      queue.putObject("query").put("query", definition).put("refId", "queue");
      queue.put("refresh", 2).put("sort", 1).put("includeAll", false).put("multi", false);
      queue.putObject("current");
    }
    ObjectNode consoleUrl = variables.addObject();
    consoleUrl.put("name", "console_url").put("label", "Console base URL").put("type", "textbox");
    consoleUrl.put("query", CONSOLE_URL_DEFAULT).put("hide", 0);
    consoleUrl
        .putObject("current")
        .put("text", CONSOLE_URL_DEFAULT)
        .put("value", CONSOLE_URL_DEFAULT);
    dashboard.set("panels", panels);
    return dashboard;
  }

  private ObjectNode panel(
      String type,
      String panelTitle,
      String panelDescription,
      String unit,
      Scope scope,
      int width,
      int height) {
    if (scope == Scope.QUEUE_VARIABLE && !queueVariable) {
      throw new IllegalArgumentException(panelTitle + ": this dashboard has no $queue");
    }
    ObjectNode panel = panels.addObject();
    panel.put("type", type);
    panel.put("title", panelTitle);
    panel.put("description", panelDescription);
    panel.put("id", nextId++);
    panel.set("datasource", datasource());
    panel.set("gridPos", place(width, height));
    ObjectNode fieldConfig = panel.putObject("fieldConfig");
    ObjectNode defaults = fieldConfig.putObject("defaults").put("unit", unit);
    fieldConfig.putArray("overrides");
    switch (scope) {
      case QUEUE_VARIABLE -> queueLinks(panel.putArray("links"), "${queue}", false);
      case QUEUE_LABEL -> queueLinks(defaults.putArray("links"), "${__field.labels.queue}", true);
      case NONE -> {}
    }
    return panel;
  }

  private static void queueLinks(ArrayNode links, String queue, boolean drillDown) {
    links
        .addObject()
        .put("title", "Queue in the console")
        .put("url", consoleQueuePage(queue))
        .put("targetBlank", true);
    if (drillDown) {
      links
          .addObject()
          .put("title", "Queue dashboard")
          .put(
              "url",
              "/d/"
                  + TaskyardDashboards.QUEUE_UID
                  + "/taskyard-queue?var-queue="
                  + queue
                  + "&${__url_time_range}");
    }
  }

  private static void addTargets(ObjectNode panel, Query[] queries, boolean instant) {
    if (queries.length == 0) {
      throw new IllegalArgumentException(panel.get("title").asText() + " has no query");
    }
    ArrayNode targets = panel.putArray("targets");
    for (Query query : queries) {
      ObjectNode target = targets.addObject();
      target.set("datasource", datasource());
      target.put("refId", String.valueOf((char) ('A' + targets.size() - 1)));
      target.put("expr", query.expr());
      target.put("legendFormat", query.legend());
      target.put("range", !instant).put("instant", instant);
      if (instant) {
        target.put("format", "table");
      }
    }
  }

  private static ObjectNode defaults(ObjectNode panel) {
    return (ObjectNode) panel.get("fieldConfig").get("defaults");
  }

  private static ObjectNode datasource() {
    return NODES.objectNode().put("type", "prometheus").put("uid", DATASOURCE_UID);
  }

  private void newLine() {
    if (x > 0) {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
  }

  private ObjectNode place(int width, int height) {
    if (x + width > GRID_WIDTH) {
      newLine();
    }
    ObjectNode pos = gridPos(width, height);
    x += width;
    rowHeight = Math.max(rowHeight, height);
    if (x == GRID_WIDTH) {
      newLine();
    }
    return pos;
  }

  private ObjectNode gridPos(int width, int height) {
    return NODES.objectNode().put("h", height).put("w", width).put("x", x).put("y", y);
  }

  /** The JSON text as committed: as Grafana exports it, two-space indents, a final newline. */
  static String text(ObjectNode dashboard) throws JsonProcessingException {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter()
            .withSeparators(
                Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""));
    printer.indentObjectsWith(indenter);
    printer.indentArraysWith(indenter);
    return new ObjectMapper().writer(printer).writeValueAsString(dashboard) + "\n";
  }
}
