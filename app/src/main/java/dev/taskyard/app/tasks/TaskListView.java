package dev.taskyard.app.tasks;

import dev.taskyard.app.audit.ConsoleAudit;
import dev.taskyard.app.console.ConsoleFormat;
import dev.taskyard.app.console.ConsoleView;
import dev.taskyard.app.console.UserPreferences;
import dev.taskyard.app.history.TaskCursor;
import dev.taskyard.app.history.TaskHistory;
import dev.taskyard.app.history.TaskPage;
import dev.taskyard.app.history.TaskSort;
import dev.taskyard.app.platform.ConsoleActions;
import dev.taskyard.app.platform.ConsoleDownload;
import dev.taskyard.app.platform.CursorPages;
import dev.taskyard.app.platform.InstantParameter;
import dev.taskyard.app.platform.Role;
import dev.taskyard.core.task.TaskState;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.primefaces.event.ToggleCloseEvent;
import org.primefaces.model.StreamedContent;

/**
 * The console's task list ({@code console/tasks/list.xhtml}): the history's tasks with the API's
 * filters (queue, states, type, creation time, free text, error shape), sort, and pages by cursor,
 * so a page stays the same while tasks arrive; retry, cancel and delete on a selection, audited per
 * task, and on everything the filters match ({@link TaskBulk}), audited once. The address may set
 * the filters (the dashboard's top errors link here): {@code queue}, {@code state}
 * (comma-separated), {@code type}, {@code q}, {@code error}, and {@code from} and {@code to} as
 * ISO-8601 instants.
 */
@Named
@ViewScoped
public class TaskListView implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int PAGE = 50;

  @Inject transient TaskFinder finder;
  @Inject transient TaskStore store;
  @Inject transient ConsoleAudit audit;
  @Inject transient ConsoleFormat format;
  @Inject transient TaskBulk bulk;
  @Inject transient UserPreferences preferences;
  @Inject transient ConsoleView console;

  /** The columns a person may hide, by id; the task's id and type always show. */
  static final List<String> COLUMNS =
      List.of("queue", "state", "priority", "attempts", "created", "waited", "ran", "error");

  private String queue;
  private List<String> states = new ArrayList<>();
  private String type;
  private String text;
  private String error;
  private LocalDateTime from;
  private LocalDateTime to;
  private String sort = TaskSort.CREATED_AT.parameter();
  private boolean ascending;

  private transient List<TaskHistory> tasks;
  private List<TaskHistory> selected = new ArrayList<>();
  private final CursorPages pages = new CursorPages();
  private List<String> columns;

  public List<TaskHistory> getTasks() {
    if (tasks == null) {
      tasks = List.of();
      ConsoleActions.run(
          () -> {
            TaskPage page = finder.page(parameters(pages.current()).toQuery());
            tasks = page.tasks();
            pages.next(page.next().map(TaskCursor::encode).orElse(null));
          },
          null);
    }
    return tasks;
  }

  public void search() {
    pages.first();
    tasks = null;
  }

  public void older() {
    if (pages.older()) {
      tasks = null;
    }
  }

  public void newer() {
    if (pages.newer()) {
      tasks = null;
    }
  }

  public boolean isHasOlder() {
    getTasks();
    return pages.hasOlder();
  }

  public boolean isHasNewer() {
    return pages.hasNewer();
  }

  public StreamedContent getCsv() {
    return export(true);
  }

  public StreamedContent getJson() {
    return export(false);
  }

  /** Every task the filters match, page after page as it is read. */
  private StreamedContent export(boolean csv) {
    // Bad filters are refused here, before the download starts.
    parameters(null, TaskQueryParameters.MAX_LIMIT).toQuery();
    return ConsoleDownload.of(
        "tasks", csv, out -> TaskExport.write(finder, this::parameters, csv, out));
  }

  /** Runs the selected ended tasks again; each is recorded as {@code task.retry}. */
  public void retrySelected() {
    each("task.retry", "retried", t -> store.retry(t.queue(), t.id()));
  }

  /** Cancels the selected tasks; each is recorded as {@code task.cancel}. */
  public void cancelSelected() {
    each("task.cancel", "cancelled", t -> store.cancel(t.queue(), t.id()));
  }

  /** Whether the column is shown: the person's choice, remembered, else every column. */
  public boolean shows(String column) {
    if (columns == null) {
      columns = COLUMNS;
      ConsoleActions.run(
          () -> columns = preferences.taskColumns(console.getUser()).orElse(COLUMNS), null);
    }
    return columns.contains(column);
  }

  /** The columns left visible when the column chooser closes, remembered for the person. */
  public void columnsChosen(ToggleCloseEvent event) {
    List<String> visible =
        event.getVisibleColumnIds().stream()
            .map(id -> id.substring(id.lastIndexOf(':') + 1))
            .filter(COLUMNS::contains)
            .toList();
    columns = visible;
    ConsoleActions.run(() -> preferences.setTaskColumns(console.getUser(), visible), null);
  }

  /** Deletes the selected ended tasks; each is recorded as {@code task.delete}. */
  public void deleteSelected() {
    each("task.delete", "deleted", t -> store.delete(t.queue(), t.id()));
  }

  /**
   * Retries, cancels or deletes ({@code action}: a {@link TaskBulk.Action}) every task the filters
   * match, up to {@link TaskBulk#MAX}; recorded once, as {@code tasks.bulk}.
   */
  public void actOnMatching(String action) {
    TaskBulk.Action what = TaskBulk.Action.valueOf(action);
    AtomicReference<TaskBulk.Outcome> outcome = new AtomicReference<>();
    if (audit.run(
        Role.OPERATOR,
        "tasks.bulk",
        TaskBulk.target(what, this::parameters),
        () -> {
          TaskBulk.Outcome o = bulk.run(what, this::parameters);
          outcome.set(o);
          return new ConsoleAudit.Change(null, Map.of("ids", o.done(), "skipped", o.skipped()));
        },
        null)) {
      ConsoleActions.say(FacesMessage.SEVERITY_INFO, BulkMessage.of(what, outcome.get()));
    }
    selected = new ArrayList<>();
    tasks = null;
  }

  private interface TaskAction {
    void run(TaskHistory task);
  }

  private void each(String action, String done, TaskAction step) {
    int succeeded = 0;
    for (TaskHistory task : selected) {
      if (audit.run(
          Role.OPERATOR,
          action,
          task.id(),
          () -> {
            step.run(task);
            return ConsoleAudit.Change.NONE;
          },
          null)) {
        succeeded++;
      }
    }
    if (succeeded > 0) {
      ConsoleActions.say(
          FacesMessage.SEVERITY_INFO,
          succeeded + " of " + selected.size() + " tasks " + done + ".");
    }
    selected = new ArrayList<>();
    tasks = null;
  }

  private TaskQueryParameters parameters(String cursor) {
    return parameters(cursor, PAGE);
  }

  private TaskQueryParameters parameters(String cursor, int limit) {
    return new TaskQueryParameters(
        queue,
        states,
        type,
        instant(from),
        instant(to),
        text,
        error,
        sort,
        ascending ? "asc" : "desc",
        Integer.toString(limit),
        cursor);
  }

  private String instant(LocalDateTime time) {
    return Optional.ofNullable(time)
        .map(t -> t.atZone(format.zone()).toInstant().toString())
        .orElse(null);
  }

  /** The {@code state} parameter of the address: states separated by commas. */
  public String getStateParameter() {
    return String.join(",", states);
  }

  public void setStateParameter(String value) {
    setStates(value == null || value.isEmpty() ? List.of() : List.of(value.split(",")));
  }

  /** The {@code from} parameter of the address: an ISO-8601 instant, shown in the reader's zone. */
  public String getFromParameter() {
    return instant(from);
  }

  public void setFromParameter(String value) {
    from = localTime("from", value);
  }

  /** The {@code to} parameter of the address, as {@link #setFromParameter}. */
  public String getToParameter() {
    return instant(to);
  }

  public void setToParameter(String value) {
    to = localTime("to", value);
  }

  private LocalDateTime localTime(String parameter, String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    LocalDateTime[] time = new LocalDateTime[1];
    ConsoleActions.run(
        () ->
            time[0] =
                LocalDateTime.ofInstant(InstantParameter.parse(parameter, value), format.zone()),
        null);
    return time[0];
  }

  public List<String> getStateNames() {
    return Arrays.stream(TaskState.values()).map(TaskState::name).toList();
  }

  public List<String> getSorts() {
    return Arrays.stream(TaskSort.values()).map(TaskSort::parameter).toList();
  }

  public String getQueue() {
    return queue;
  }

  public void setQueue(String queue) {
    this.queue = queue;
  }

  public List<String> getStates() {
    return states;
  }

  public void setStates(List<String> states) {
    this.states = states == null ? new ArrayList<>() : new ArrayList<>(states);
  }

  public String getType() {
    return type;
  }

  public void setType(String type) {
    this.type = type;
  }

  public String getText() {
    return text;
  }

  public void setText(String text) {
    this.text = text;
  }

  public String getError() {
    return error;
  }

  public void setError(String error) {
    this.error = error;
  }

  public LocalDateTime getFrom() {
    return from;
  }

  public void setFrom(LocalDateTime from) {
    this.from = from;
  }

  public LocalDateTime getTo() {
    return to;
  }

  public void setTo(LocalDateTime to) {
    this.to = to;
  }

  public String getSort() {
    return sort;
  }

  public void setSort(String sort) {
    this.sort = sort;
  }

  public boolean isAscending() {
    return ascending;
  }

  public void setAscending(boolean ascending) {
    this.ascending = ascending;
  }

  public List<TaskHistory> getSelected() {
    return selected;
  }

  public void setSelected(List<TaskHistory> selected) {
    this.selected = selected == null ? new ArrayList<>() : new ArrayList<>(selected);
  }
}
