package dev.taskyard.app.history;

import dev.taskyard.core.events.EventKind;
import dev.taskyard.core.events.TaskEvent;
import dev.taskyard.core.events.TaskEvent.TaskFields;
import dev.taskyard.core.task.TaskState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A batch of stream entries folded into one change per task and one transition per task and event,
 * so that PostgreSQL gets a few set-based statements per batch. Events must be given in stream
 * order; all fields are absolute values (no increments), so applying a batch twice, or a batch
 * overlapping one already applied, changes nothing.
 */
public final class HistoryBatch {
  /** The state of a task whose record was deleted from Redis: history keeps its row. */
  static final String DELETED = "DELETED";

  private final Map<String, TaskChange> changes = new LinkedHashMap<>();
  private final List<Transition> transitions = new ArrayList<>();

  private HistoryBatch() {}

  /** Folds the events of one queue, oldest first. Progress and queue events are not history. */
  public static HistoryBatch of(List<TaskEvent> events) {
    HistoryBatch batch = new HistoryBatch();
    events.forEach(batch::apply);
    return batch;
  }

  Collection<TaskChange> changes() {
    return changes.values();
  }

  List<Transition> transitions() {
    return transitions;
  }

  public boolean isEmpty() {
    return changes.isEmpty();
  }

  /** What this batch writes: task rows plus timeline events (the benchmark counts both). */
  public int rows() {
    return changes.size() + transitions.size();
  }

  private void apply(TaskEvent event) {
    Optional<EventKind> kind = event.kind();
    if (event.taskIds().isEmpty() || kind.equals(Optional.of(EventKind.PROGRESS))) {
      return;
    }
    StreamPosition position = StreamPosition.parse(event.streamId());
    Map<String, String> d = event.details();
    TaskEvent.TaskFields fields = event.taskFields();
    Instant at = event.at();
    for (int i = 0; i < event.taskIds().size(); i++) {
      String id = event.taskIds().get(i);
      TaskChange c = changes.computeIfAbsent(id, k -> new TaskChange(k, event.queue()));
      c.touch(position, at);
      String state = kind.isPresent() ? state(kind.get(), fields, i) : null;
      String error = null;
      String detail = null;
      Integer attempt = null;
      String worker = null;
      // Kinds this version does not know (written by a newer node) go on the timeline only.
      switch (kind.orElse(EventKind.CANCEL_REQUESTED)) {
        case SUBMITTED -> {
          c.type = TaskFields.at(fields.types(), i);
          c.correlationId = TaskFields.at(fields.correlationIds(), i);
          c.setPriority(position, TaskFields.at(fields.priorities(), i));
        }
        case RELEASED -> attempt = TaskFields.at(fields.attempts(), i);
        case STARTED -> {
          attempt = TaskFields.at(fields.attempts(), i);
          worker = d.get("worker");
          c.setStart(position, worker, at);
        }
        case RETRYING -> {
          error = d.get("error");
          detail = d.get("runAt") == null ? null : "runAt " + d.get("runAt");
        }
        case FAILED -> error = d.get("error");
        case REPRIORITIZED -> {
          c.setPriority(position, integer(d.get("priority")));
          detail = "priority " + d.get("priority");
        }
        case MOVED -> detail = "moved " + d.get("direction");
        case SCHEDULE_FIRED -> detail = "schedule " + d.get("schedule");
        default -> {
          // No field beyond the state (if any).
        }
      }
      if (state != null) {
        c.moveTo(position, state, at, ends(state));
      }
      c.setUsage(
          position,
          TaskFields.at(fields.cpuTimeMicros(), i),
          TaskFields.at(fields.allocatedBytes(), i));
      c.setAttempts(position, attempt);
      c.setError(position, error);
      if (detail == null && d.get("reason") != null) {
        detail = d.get("reason");
      }
      transitions.add(
          new Transition(id, position, event.type(), state, at, worker, attempt, error, detail));
    }
  }

  /** The history state an event of {@code kind} leaves task {@code i} in; null if unchanged. */
  private static String state(EventKind kind, TaskEvent.TaskFields fields, int i) {
    return switch (kind.effect()) {
      case STATE -> {
        TaskState perTask = kind == EventKind.SUBMITTED ? TaskFields.at(fields.states(), i) : null;
        yield (perTask != null ? perTask : kind.leadsTo().orElseThrow()).name();
      }
      case REMOVAL -> DELETED;
      case NONE, QUEUE -> null;
    };
  }

  static boolean ends(String state) {
    return state.equals(DELETED) || TaskState.valueOf(state).isFinal();
  }

  private static Integer integer(String value) {
    return value == null || value.isEmpty() ? null : Integer.valueOf(value);
  }
}
