package dev.taskyard.app.queues;

import dev.taskyard.app.alerts.AlertStore;
import dev.taskyard.app.audit.ConsoleAudit;
import dev.taskyard.app.console.ConsoleFormat;
import dev.taskyard.app.metrics.ChartSeries;
import dev.taskyard.app.metrics.DayStarts;
import dev.taskyard.app.metrics.Outcomes;
import dev.taskyard.app.platform.ConsoleActions;
import dev.taskyard.app.platform.Role;
import dev.taskyard.core.InvalidInputException;
import dev.taskyard.core.control.QueueNames;
import dev.taskyard.core.stats.QueueStatus;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The console's dashboard ({@code console/index.xhtml}): charts of the metrics history over the
 * range and queue the address names ({@code ?range=24h&queue=emails}), and a card per queue, kept
 * current by the live feed, with pause, resume and drain for operators. The cards' buttons call
 * {@link #act} through one remote command, so the cards the browser adds for new queues act too.
 */
@Named
@RequestScoped
public class DashboardView {

  @Inject QueueStore store;
  @Inject ConsoleAudit audit;
  @Inject ChartSeries series;
  @Inject DayStarts dayStarts;
  @Inject AlertStore alertStore;
  @Inject ConsoleFormat format;

  private List<QueueStatus> queues;
  private Map<String, QueueWorkers> workers = Map.of();
  private Map<String, Integer> alerts;
  private Optional<Map<String, Outcomes>> dayStart;
  private DashboardRange range;
  private String queue;
  private Instant now;
  private List<JsonObject> points;

  public List<QueueStatus> getQueues() {
    if (queues == null) {
      queues = List.of();
      ConsoleActions.run(
          () -> {
            queues = store.statuses();
            workers = store.workersByQueue();
          },
          null);
    }
    return queues;
  }

  /** How long the queue's oldest queued task has waited, in milliseconds; 0 for none. */
  public long oldestMs(QueueStatus queue) {
    return queue.oldestQueuedAge().map(Duration::toMillis).orElse(0L);
  }

  /** The queue's live workers. */
  public QueueWorkers workers(String queue) {
    getQueues();
    return workers.getOrDefault(queue, QueueWorkers.NONE);
  }

  /** The queue's open alerts. */
  public int alerts(String queue) {
    if (alerts == null) {
      alerts = Map.of();
      ConsoleActions.run(() -> alerts = alertStore.openCounts(), null);
    }
    return alerts.getOrDefault(queue, 0);
  }

  /**
   * The queue's succeeded and failed totals at the start of the reader's day (in their zone); null
   * while PostgreSQL is away. A queue never sampled yet has done all its work today.
   */
  Outcomes dayStart(String queue) {
    if (dayStart == null) {
      dayStart = Optional.empty();
      Instant midnight = LocalDate.now(format.zone()).atStartOfDay(format.zone()).toInstant();
      ConsoleActions.run(() -> dayStart = Optional.of(dayStarts.at(midnight)), null);
    }
    return dayStart.map(start -> start.getOrDefault(queue, new Outcomes(0, 0))).orElse(null);
  }

  /** The queue's succeeded total at the start of the reader's day; null while unknown. */
  public Long succeededAtDayStart(String queue) {
    Outcomes start = dayStart(queue);
    return start == null ? null : start.succeeded();
  }

  /** The queue's failed total at the start of the reader's day; null while unknown. */
  public Long failedAtDayStart(String queue) {
    Outcomes start = dayStart(queue);
    return start == null ? null : start.failed();
  }

  /** The card's "done today": tasks succeeded since the reader's midnight; null if unknown. */
  public Long doneToday(QueueStatus queue) {
    Outcomes start = dayStart(queue.queue());
    return start == null ? null : DayOutcomes.done(queue.totals().succeeded(), start.succeeded());
  }

  /** The card's success rate today, as a percentage; a dash when nothing finished today. */
  public String successToday(QueueStatus queue) {
    Outcomes start = dayStart(queue.queue());
    return start == null
        ? ""
        : DayOutcomes.successRate(
            DayOutcomes.done(queue.totals().succeeded(), start.succeeded()),
            DayOutcomes.done(queue.totals().failed(), start.failed()));
  }

  /** What "today" means on the cards, for their tooltip. */
  public String getDayTitle() {
    return "Since midnight in your time zone (" + format.zone().getId() + ")";
  }

  /**
   * Reads what the page shows before it is drawn (a view action), so that a wrong range or queue,
   * or PostgreSQL away, is said at the top of the page.
   */
  public void load() {
    getRange();
    getQueue();
    points();
    alerts("");
    dayStart("");
  }

  /** The range the address names ({@code range}); the default one, said so, if it names none. */
  public DashboardRange getRange() {
    if (range == null) {
      ConsoleActions.run(() -> range = DashboardAddress.range(parameter("range")), null);
      range = range == null ? DashboardRange.DEFAULT : range;
    }
    return range;
  }

  public List<DashboardRange> getRanges() {
    return Arrays.asList(DashboardRange.values());
  }

  /** The queue the charts show ({@code queue}); empty for all queues together. */
  public String getQueue() {
    if (queue == null) {
      String named = parameter("queue");
      boolean known = getQueues().stream().anyMatch(q -> q.queue().equals(named));
      if (!named.isEmpty() && !known) {
        ConsoleActions.say(
            FacesMessage.SEVERITY_ERROR, "queue: no queue named " + named + "; showing all queues");
      }
      queue = known ? named : "";
    }
    return queue;
  }

  /** The address of this page with {@code range} and the same queue. */
  public String rangeHref(DashboardRange range) {
    return "?" + DashboardAddress.query(range, getQueue());
  }

  /** Where console.js asks for the charts' new points ({@link DashboardChartServlet}). */
  public String getChartsAddress() {
    return DashboardChartServlet.PATH.substring(1)
        + "?"
        + DashboardAddress.query(getRange(), getQueue());
  }

  /** Where console.js asks for the breakdown by type and top errors ({@code InsightsView}). */
  public String getInsightsAddress() {
    return "console/dashboard/insights.xhtml?" + DashboardAddress.query(getRange(), getQueue());
  }

  /** The chart's Chart.js configuration ({@link DashboardCharts.Chart} by name). */
  public String chart(String name) {
    return DashboardCharts.config(
        DashboardCharts.Chart.valueOf(name),
        points(),
        DashboardCharts.from(getRange(), now()),
        now());
  }

  /** The charts' points, of the address's range and queue (empty while PostgreSQL is away). */
  private List<JsonObject> points() {
    if (points == null) {
      points = List.of();
      String shown = getQueue().isEmpty() ? null : getQueue();
      Instant from = DashboardCharts.from(getRange(), now());
      Duration step = DashboardCharts.step(getRange());
      ConsoleActions.run(
          () ->
              points = DashboardCharts.points(series.points(shown, from, now(), step), step, now()),
          null);
    }
    return points;
  }

  private Instant now() {
    if (now == null) {
      now = Instant.now();
    }
    return now;
  }

  private static String parameter(String name) {
    String value =
        FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get(name);
    return value == null ? "" : value.trim();
  }

  /** Pauses, resumes or drains the queue the request's parameters name. */
  public void act() {
    Map<String, String> parameters =
        FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap();
    String queue = parameters.get("queue");
    String action = String.valueOf(parameters.get("action"));
    switch (action) {
      case "pause" ->
          audit.run(
              Role.OPERATOR,
              "queue.pause",
              queue,
              () -> {
                store.pause(QueueNames.check(queue));
                return ConsoleAudit.Change.NONE;
              },
              queue + " paused: its tasks wait until it is resumed.");
      case "resume" ->
          audit.run(
              Role.OPERATOR,
              "queue.resume",
              queue,
              () -> {
                store.resume(QueueNames.check(queue));
                return ConsoleAudit.Change.NONE;
              },
              queue + " resumed.");
      case "drain" ->
          audit.run(
              Role.OPERATOR,
              "queue.drain",
              queue,
              () ->
                  new ConsoleAudit.Change(
                      null, DrainedView.of(queue, store.drain(QueueNames.check(queue)))),
              queue + " drained: its waiting tasks are cancelled.");
      default ->
          audit.run(
              Role.OPERATOR,
              "request.unmatched",
              queue,
              () -> {
                throw new InvalidInputException("action", "must be pause, resume or drain");
              },
              null);
    }
  }
}
