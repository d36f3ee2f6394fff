package dev.taskyard.app.tasks;

import dev.taskyard.app.history.TaskHistory;
import dev.taskyard.app.platform.BadParameterException;
import dev.taskyard.core.TaskyardException;
import dev.taskyard.core.task.TaskState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Retry, cancel or delete on every task a history query matches, for the API and the console alike:
 * at most {@link #MAX} tasks a call (the answer says whether more match, so a caller goes on),
 * retries in one atomic step per queue. A task whose live state does not allow the action (it moved
 * on since the history saw it) is skipped and counted, not an error.
 */
@ApplicationScoped
public class TaskBulk {
  /** The most tasks one call acts on. */
  public static final int MAX = 1000;

  private static final String DELETED = "DELETED";

  @Inject TaskFinder finder;
  @Inject TaskStore store;

  /** What a bulk call does to each task. */
  public enum Action {
    RETRY,
    CANCEL,
    DELETE
  }

  /**
   * What a bulk call did.
   *
   * @param done the ids acted on
   * @param skipped matching tasks whose live state did not allow the action (or gone meanwhile)
   * @param more whether more than {@link #MAX} tasks matched: call again for the rest
   */
  public record Outcome(List<String> done, int skipped, boolean more) {}

  /** The audit log's target of a bulk call: {@code retry where queue=emails&state=FAILED}. */
  public static String target(
      Action action, BiFunction<String, Integer, TaskQueryParameters> pages) {
    return action.name().toLowerCase(Locale.ROOT) + " where " + pages.apply(null, 1).describe();
  }

  /**
   * Acts on the first {@link #MAX} tasks {@code pages} matches; refused (naming the field) for a
   * bad filter or none at all, before anything is done.
   */
  public Outcome run(Action action, BiFunction<String, Integer, TaskQueryParameters> pages) {
    TaskQueryParameters filter = pages.apply(null, TaskQueryParameters.MAX_LIMIT);
    filter.toQuery();
    if (filter.describe().isEmpty()) {
      throw new BadParameterException(
          "queue", "give at least one filter (queue, state, type, from, to, q or error)");
    }
    List<TaskHistory> matched = new ArrayList<>();
    finder.forEach(
        pages,
        task -> {
          matched.add(task);
          return matched.size() <= MAX;
        });
    boolean more = matched.size() > MAX;
    List<TaskHistory> tasks = more ? matched.subList(0, MAX) : matched;
    List<String> done = action == Action.RETRY ? retry(tasks) : oneByOne(action, tasks);
    return new Outcome(done, tasks.size() - done.size(), more);
  }

  private List<String> retry(List<TaskHistory> tasks) {
    Map<String, List<String>> byQueue = new LinkedHashMap<>();
    for (TaskHistory task : tasks) {
      byQueue.computeIfAbsent(task.queue(), q -> new ArrayList<>()).add(task.id());
    }
    List<String> done = new ArrayList<>();
    byQueue.forEach((queue, ids) -> done.addAll(store.retryAll(queue, ids)));
    return done;
  }

  private List<String> oneByOne(Action action, List<TaskHistory> tasks) {
    List<String> done = new ArrayList<>();
    for (TaskHistory task : tasks) {
      if (!fits(action, task.state())) {
        continue;
      }
      try {
        if (action == Action.CANCEL) {
          store.cancel(task.queue(), task.id());
        } else {
          store.delete(task.queue(), task.id());
        }
        done.add(task.id());
      } catch (TaskyardException e) {
        // Its live state moved on since the history saw it: skipped, and counted as such.
      }
    }
    return done;
  }

  /** Cancel what has not ended, delete what has; a task the history knows as deleted is gone. */
  private static boolean fits(Action action, String state) {
    if (state.equals(DELETED)) {
      return false;
    }
    return TaskState.valueOf(state).isFinal() == (action == Action.DELETE);
  }
}
