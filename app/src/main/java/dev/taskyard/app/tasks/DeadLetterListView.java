package dev.taskyard.app.tasks;

import dev.taskyard.app.audit.ConsoleAudit;
import dev.taskyard.app.platform.ConsoleActions;
import dev.taskyard.app.platform.Role;
import dev.taskyard.app.queues.QueueStore;
import dev.taskyard.core.stats.QueueStatus;
import dev.taskyard.core.task.TaskRecord;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The console's dead letters page ({@code console/tasks/dead-letters.xhtml}): a queue's tasks that
 * ended FAILED or EXPIRED, most recent first, each linking to its page; operators replay one, a
 * selection, or the oldest ones in bulk, recorded as {@code deadletter.replay}.
 */
@Named
@ViewScoped
public class DeadLetterListView implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int PAGE = 100;

  @Inject transient TaskStore store;
  @Inject transient QueueStore queues;
  @Inject transient ConsoleAudit audit;

  private String queue;
  private transient List<TaskRecord> tasks;
  private transient List<QueueStatus> statuses;
  private List<TaskRecord> selected = new ArrayList<>();

  /** The queues holding dead letters, with how many. */
  public List<QueueStatus> getQueues() {
    if (statuses == null) {
      statuses = List.of();
      ConsoleActions.run(
          () -> statuses = queues.statuses().stream().filter(s -> s.dead() > 0).toList(), null);
    }
    return statuses;
  }

  public List<TaskRecord> getTasks() {
    if (tasks == null) {
      tasks = List.of();
      if (queue != null && !queue.isBlank()) {
        ConsoleActions.run(() -> tasks = store.deadLetters(queue, 0, PAGE), null);
      }
    }
    return tasks;
  }

  public void show() {
    tasks = null;
    selected = new ArrayList<>();
  }

  public void replay(String id) {
    replay(List.of(id));
  }

  public void replaySelected() {
    replay(selected.stream().map(TaskRecord::id).toList());
  }

  public void replayAll() {
    String q = queue;
    run(() -> store.replayOldest(q, ReplayCommand.MAX_OLDEST));
  }

  private void replay(List<String> ids) {
    String q = queue;
    run(() -> store.replay(q, ids));
  }

  private interface Replay {
    List<String> run();
  }

  private void run(Replay replay) {
    List<String> replayed = new ArrayList<>();
    if (audit.run(
        Role.OPERATOR,
        "deadletter.replay",
        queue,
        () -> {
          replayed.addAll(replay.run());
          return new ConsoleAudit.Change(null, Map.of("ids", replayed));
        },
        null)) {
      ConsoleActions.say(
          FacesMessage.SEVERITY_INFO,
          replayed.size() + (replayed.size() == 1 ? " task" : " tasks") + " replayed.");
    }
    tasks = null;
    statuses = null;
    selected = new ArrayList<>();
  }

  public String getQueue() {
    return queue;
  }

  public void setQueue(String queue) {
    this.queue = queue;
  }

  public List<TaskRecord> getSelected() {
    return selected;
  }

  public void setSelected(List<TaskRecord> selected) {
    this.selected = selected == null ? new ArrayList<>() : new ArrayList<>(selected);
  }
}
