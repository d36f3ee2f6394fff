package dev.taskyard.app.tasks;

import dev.taskyard.app.history.TaskInsights;
import dev.taskyard.app.history.TaskQuery;
import dev.taskyard.app.platform.ConsoleActions;
import dev.taskyard.app.queues.DashboardRange;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's breakdown by task type and its top errors ({@code
 * WEB-INF/templates/dashboard-insights.xhtml}), over the dashboard's {@code range} and, if the
 * address names one, its {@code queue}: read from the request, so the section follows whatever
 * chooses them.
 */
@Named
@RequestScoped
public class InsightsView {
  static final int TOP_ERRORS = 10;

  @Inject TaskFinder finder;
  @Inject InsightsCache cache;

  private DashboardRange range;
  private String queue;
  private TaskInsights insights;

  public DashboardRange getRange() {
    read();
    return range;
  }

  /** The queue the dashboard is narrowed to; null for every queue. */
  public String getQueue() {
    read();
    return queue;
  }

  public List<TaskInsights.TypeStats> getTypes() {
    read();
    return insights == null ? List.of() : insights.types();
  }

  public List<TaskInsights.ErrorGroup> getErrors() {
    read();
    return insights == null ? List.of() : insights.errors();
  }

  /** The task types that failed with {@code error}, for people. */
  public String types(TaskInsights.ErrorGroup error) {
    return String.join(", ", error.types());
  }

  /** The range's start, as the task list's {@code from} parameter. */
  public String getFrom() {
    read();
    return insights == null ? null : insights.from().toString();
  }

  /** When they were read: a long range's are kept a while ({@link InsightsCache}). */
  public Instant getReadAt() {
    read();
    return insights == null ? null : insights.to();
  }

  /** The range's end, as the task list's {@code to} parameter. */
  public String getTo() {
    read();
    return insights == null ? null : insights.to().toString();
  }

  private void read() {
    if (range != null) {
      return;
    }
    Map<String, String> parameters =
        FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap();
    range = DashboardRange.of(parameters.get("range")).orElse(DashboardRange.DEFAULT);
    String named = parameters.get("queue");
    Instant to = Instant.now();
    // The task list's checks: a bad queue name is refused naming the field.
    ConsoleActions.run(
        () -> {
          TaskQuery query =
              TaskQueryParameters.range(named, to.minus(range.length()).toString(), to.toString())
                  .toQuery();
          queue = query.queue().orElse(null);
          insights =
              cache.get(
                  range,
                  query.queue(),
                  to,
                  () -> finder.insights(query.from().orElseThrow(), to, query.queue(), TOP_ERRORS));
        },
        null);
  }
}
