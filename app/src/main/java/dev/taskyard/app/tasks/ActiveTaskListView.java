package dev.taskyard.app.tasks;

import dev.taskyard.app.audit.ConsoleAudit;
import dev.taskyard.app.platform.ConsoleActions;
import dev.taskyard.app.platform.Role;
import dev.taskyard.core.task.TaskRecord;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/**
 * The console's active tasks ({@code console/tasks/active.xhtml}): every task running anywhere in
 * the cluster ({@link RunningTasks}), with progress, worker and elapsed time; operators cancel one.
 * The page reads again when the live feed says a queue changed.
 */
@Named
@ViewScoped
public class ActiveTaskListView implements Serializable {
  private static final long serialVersionUID = 1L;

  /** At most this many running tasks per queue are shown. */
  static final int PER_QUEUE = 200;

  private static final int PREVIEW = 120;

  @Inject transient RunningTasks running;
  @Inject transient TaskStore store;
  @Inject transient ConsoleAudit audit;

  private transient List<TaskRecord> tasks;

  public List<TaskRecord> getTasks() {
    if (tasks == null) {
      tasks = List.of();
      ConsoleActions.run(() -> tasks = running.all(PER_QUEUE), null);
    }
    return tasks;
  }

  public void reload() {
    tasks = null;
  }

  public void cancel(String queue, String id) {
    if (audit.run(
        Role.OPERATOR,
        "task.cancel",
        id,
        () -> {
          store.cancel(queue, id);
          return ConsoleAudit.Change.NONE;
        },
        "Cancel sent: the task stops at its next check.")) {
      tasks = null;
    }
  }

  /** The start of a payload, for a glance. */
  public String preview(String payload) {
    if (payload == null) {
      return "";
    }
    return payload.length() <= PREVIEW ? payload : payload.substring(0, PREVIEW) + "…";
  }

  /** When the task started, in epoch milliseconds, for the page's ticking clock. */
  public long startedMs(TaskRecord task) {
    return task.startedAt().orElse(task.queuedAt()).toEpochMilli();
  }
}
