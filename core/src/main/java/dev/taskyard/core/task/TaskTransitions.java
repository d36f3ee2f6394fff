package dev.taskyard.core.task;

import static dev.taskyard.core.task.TaskState.CANCELLED;
import static dev.taskyard.core.task.TaskState.EXPIRED;
import static dev.taskyard.core.task.TaskState.FAILED;
import static dev.taskyard.core.task.TaskState.QUEUED;
import static dev.taskyard.core.task.TaskState.RUNNING;
import static dev.taskyard.core.task.TaskState.SCHEDULED;
import static dev.taskyard.core.task.TaskState.SUCCEEDED;
import static dev.taskyard.core.task.TaskState.WAITING;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one place the legal state transitions are written down. The Lua scripts get this table
 * rendered into them ({@link #asLuaTable()}) and refuse any move it does not list.
 */
public final class TaskTransitions {
  private static final Map<TaskState, Set<TaskState>> ALLOWED = new EnumMap<>(TaskState.class);

  static {
    allow(SCHEDULED, QUEUED, CANCELLED);
    allow(WAITING, QUEUED, SCHEDULED, CANCELLED);
    allow(QUEUED, RUNNING, CANCELLED);
    // RUNNING -> QUEUED: lease expired with attempts left, or released at shutdown.
    // RUNNING -> SCHEDULED: failed, retry after backoff.
    allow(RUNNING, SUCCEEDED, SCHEDULED, QUEUED, FAILED, CANCELLED, EXPIRED);
    allow(SUCCEEDED);
    // Replay from the dead-letter set or retry on demand.
    allow(FAILED, QUEUED);
    allow(CANCELLED, QUEUED);
    allow(EXPIRED, QUEUED);
  }

  private TaskTransitions() {}

  private static void allow(TaskState from, TaskState... to) {
    Set<TaskState> targets = EnumSet.noneOf(TaskState.class);
    targets.addAll(Set.of(to));
    ALLOWED.put(from, targets);
  }

  public static boolean isAllowed(TaskState from, TaskState to) {
    return ALLOWED.get(from).contains(to);
  }

  /** The states a task in {@code from} may move to. */
  public static Set<TaskState> targets(TaskState from) {
    return Collections.unmodifiableSet(ALLOWED.get(from));
  }

  /** Throws unless the move is legal. */
  public static void check(String taskId, TaskState from, TaskState to) {
    if (!isAllowed(from, to)) {
      throw new IllegalTransitionException(taskId, from, to);
    }
  }

  /** {@code {QUEUED={RUNNING=true,...},...}} for common.lua. */
  public static String asLuaTable() {
    return ALLOWED.entrySet().stream()
        .map(
            e ->
                e.getKey()
                    + "={"
                    + e.getValue().stream().map(t -> t + "=true").collect(Collectors.joining(","))
                    + "}")
        .collect(Collectors.joining(",", "{", "}"));
  }
}
