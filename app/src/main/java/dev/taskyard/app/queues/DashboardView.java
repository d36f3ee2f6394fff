package dev.taskyard.app.queues;

import dev.taskyard.app.audit.ConsoleAudit;
import dev.taskyard.app.platform.ConsoleActions;
import dev.taskyard.app.platform.Role;
import dev.taskyard.core.InvalidInputException;
import dev.taskyard.core.control.QueueNames;
import dev.taskyard.core.stats.QueueStatus;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The console's dashboard ({@code console/index.xhtml}): a card per queue, kept current by the live
 * feed, with pause, resume and drain for operators. The cards' buttons call {@link #act} through
 * one remote command, so the cards the browser adds for new queues act too.
 */
@Named
@RequestScoped
public class DashboardView {

  @Inject QueueStore store;
  @Inject ConsoleAudit audit;

  private List<QueueStatus> queues;
  private Map<String, QueueWorkers> workers = Map.of();

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
