package dev.taskyard.app.tasks;

import dev.taskyard.app.audit.ConsoleAudit;
import dev.taskyard.app.platform.ConsoleActions;
import dev.taskyard.app.platform.Role;
import dev.taskyard.app.queues.QueueStore;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The queue page's live part ({@code console/queues/edit.xhtml}): the first queued tasks in the
 * order workers will claim them, which operators move up, down, or ahead of every other (recorded
 * as {@code task.move}), and the threads each live node runs for the queue. It reads again when the
 * live feed says a queue changed.
 */
@Named
@ViewScoped
public class QueueActivityView implements Serializable {
  private static final long serialVersionUID = 1L;

  /** How many of the queue's first tasks are shown. */
  static final int SHOWN = 20;

  @Inject transient TaskStore store;
  @Inject transient QueueStore queues;
  @Inject transient ConsoleAudit audit;

  private String queue;
  private transient QueuedTasksView view;
  private transient List<NodeThreads> nodes;

  /** A live node's threads for the queue, as its last heartbeat said. */
  public record NodeThreads(String node, String host, int threads, int busy, Instant lastBeat) {}

  /** The live nodes running threads for the queue, by node id. */
  public List<NodeThreads> getNodes() {
    if (nodes == null) {
      nodes = List.of();
      ConsoleActions.run(
          () ->
              nodes =
                  queues.workerNodes().stream()
                      .flatMap(
                          n ->
                              n.queue(queue).stream()
                                  .map(
                                      q ->
                                          new NodeThreads(
                                              n.nodeId(),
                                              n.host(),
                                              q.threads(),
                                              q.busyThreads(),
                                              n.lastBeat())))
                      .sorted(Comparator.comparing(NodeThreads::node))
                      .toList(),
          null);
    }
    return nodes;
  }

  /** The queue's first queued tasks, none when the queue cannot be read. */
  public List<QueuedTasksView.QueuedTask> getTasks() {
    return view().tasks();
  }

  /** How many tasks the queue holds queued in all. */
  public long getQueued() {
    return view().queued();
  }

  private QueuedTasksView view() {
    if (view == null) {
      view = new QueuedTasksView(queue, 0, 0, List.of());
      ConsoleActions.run(() -> view = QueuedTasksView.of(store.queued(queue, 0, SHOWN), 0), null);
    }
    return view;
  }

  public void reload() {
    view = null;
    nodes = null;
  }

  /** Moves the task {@code to} UP, DOWN or NEXT (as {@link MoveCommand.Place} names them). */
  public void move(String id, String to) {
    MoveCommand.Place place = MoveCommand.Place.valueOf(to);
    AtomicBoolean moved = new AtomicBoolean();
    if (audit.run(
        Role.OPERATOR,
        "task.move",
        id,
        () -> {
          moved.set(store.move(queue, id, place));
          return new ConsoleAudit.Change(null, Map.of("to", to.toLowerCase(Locale.ROOT)));
        },
        null)) {
      ConsoleActions.say(
          FacesMessage.SEVERITY_INFO,
          moved.get()
              ? "Task " + id + (place == MoveCommand.Place.NEXT ? " runs next." : " moved.")
              : "Task " + id + " is at that end of the queue already.");
    }
    view = null;
  }

  public String getQueue() {
    return queue;
  }

  public void setQueue(String queue) {
    this.queue = queue;
  }
}
