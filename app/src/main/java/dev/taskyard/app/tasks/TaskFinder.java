package dev.taskyard.app.tasks;

import dev.taskyard.app.history.HistoryStore;
import dev.taskyard.app.history.HistoryUnavailableException;
import dev.taskyard.app.history.TaskCursor;
import dev.taskyard.app.history.TaskHistory;
import dev.taskyard.app.history.TaskInsights;
import dev.taskyard.app.history.TaskPage;
import dev.taskyard.app.history.TaskQuery;
import dev.taskyard.app.history.Transition;
import dev.taskyard.app.platform.Problem;
import dev.taskyard.app.platform.ProblemException;
import dev.taskyard.core.dependency.TaskGraph;
import dev.taskyard.core.task.TaskIds;
import dev.taskyard.core.task.TaskRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

/**
 * Finding tasks, for the API and the console alike: pages of the history, what a range of it did
 * (by type, top errors), and one task in full (live state from Redis, timeline from the history,
 * its dependency graph).
 */
@ApplicationScoped
public class TaskFinder {

  @Inject TaskStore store;
  @Inject HistoryStore history;

  /** One page of the history. */
  public TaskPage page(TaskQuery query) {
    return fromHistory(() -> history.page(query));
  }

  /**
   * Hands every task a query matches to {@code each}, page after page as they are read, until it
   * answers false. {@code pages} gives the parameters of a page from its cursor (null for the
   * first) and size.
   */
  public void forEach(
      BiFunction<String, Integer, TaskQueryParameters> pages, Predicate<TaskHistory> each) {
    String cursor = null;
    do {
      TaskPage page = page(pages.apply(cursor, TaskQueryParameters.MAX_LIMIT).toQuery());
      for (TaskHistory task : page.tasks()) {
        if (!each.test(task)) {
          return;
        }
      }
      cursor = page.next().map(TaskCursor::encode).orElse(null);
    } while (cursor != null);
  }

  /**
   * What the tasks created in [{@code from}, {@code to}) did, by type, and the {@code errorLimit}
   * error shapes they failed with most often.
   */
  public TaskInsights insights(Instant from, Instant to, Optional<String> queue, int errorLimit) {
    return fromHistory(() -> history.insights(from, to, queue, errorLimit));
  }

  /** The task in full; refused for a malformed id, 404 for an unknown one. */
  public TaskDetailView detail(String id) {
    UUID uuid = UUID.fromString(TaskIds.check("id", id));
    boolean historyAvailable = true;
    Optional<TaskHistory> archived = Optional.empty();
    List<Transition> timeline = List.of();
    try {
      archived = fromHistory(() -> history.find(uuid));
      timeline = archived.isPresent() ? fromHistory(() -> history.timeline(uuid)) : List.of();
    } catch (HistoryUnavailableException e) {
      historyAvailable = false;
    }
    String key = uuid.toString();
    Optional<TaskRecord> live = store.find(archived.map(TaskHistory::queue), key);
    if (live.isPresent()) {
      return TaskDetailView.live(live.get(), timeline, historyAvailable, graph(live.get()));
    }
    if (archived.isPresent()) {
      return TaskDetailView.archived(archived.get(), timeline);
    }
    if (!historyAvailable) {
      throw new HistoryUnavailableException(new IllegalStateException("not in Redis"));
    }
    throw new ProblemException(
        Problem.of(404, "Task not found").field("id").detail("No task with id " + id));
  }

  private TaskGraph graph(TaskRecord task) {
    return store.graph(task.queue(), task.id()).orElse(null); // null: ended and removed meanwhile
  }

  private static <T> T fromHistory(Supplier<T> read) {
    try {
      return read.get();
    } catch (FaultToleranceException e) {
      throw new HistoryUnavailableException(e);
    }
  }
}
