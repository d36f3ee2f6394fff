package dev.taskyard.app.history;

import dev.taskyard.core.events.TaskEvent;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A batch of stream entries folded into one change per task and one transition per task and event,
 * so that PostgreSQL gets a few set-based statements per batch. Events must be given in stream
 * order; all fields are absolute values (no increments), so applying a batch twice, or a batch
 * overlapping one already applied, changes nothing.
 */
public final class HistoryBatch {
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
    if (event.taskIds().isEmpty() || event.type().equals("progress")) {
      return;
    }
    StreamPosition position = StreamPosition.parse(event.streamId());
    Map<String, String> d = event.details();
    String[] types = split(d.get("types"));
    String[] priorities = split(d.get("priorities"));
    String[] states = split(d.get("states"));
    String[] attempts = split(d.get("attempts"));
    List<String> correlationIds = correlationIds(d.get("correlationIds"));
    for (int i = 0; i < event.taskIds().size(); i++) {
      String id = event.taskIds().get(i);
      TaskChange c = changes.computeIfAbsent(id, k -> new TaskChange(k, event.queue(), event.at()));
      c.position = position;
      c.updatedAt = event.at();
      String state = null;
      String error = null;
      String detail = null;
      Integer attempt = null;
      switch (event.type()) {
        case "submitted" -> {
          c.createdAt = event.at();
          c.type = at(types, i);
          c.priority = integer(at(priorities, i));
          state = at(states, i) == null ? "QUEUED" : at(states, i);
          String correlationId = correlationIds.size() > i ? correlationIds.get(i) : "";
          c.correlationId = correlationId.isEmpty() ? null : correlationId;
        }
        case "queued", "requeued", "unblocked", "promoted", "replayed" -> state = "QUEUED";
        case "released" -> {
          state = "QUEUED";
          attempt = integer(at(attempts, i));
        }
        case "started" -> {
          state = "RUNNING";
          attempt = integer(at(attempts, i));
          c.worker = d.get("worker");
          c.startedAt = event.at();
        }
        case "succeeded" -> state = "SUCCEEDED";
        case "retrying" -> {
          state = "SCHEDULED";
          error = d.get("error");
          detail = d.get("runAt") == null ? null : "runAt " + d.get("runAt");
        }
        case "failed" -> {
          state = "FAILED";
          error = d.get("error");
        }
        case "expired" -> state = "EXPIRED";
        case "cancelled" -> state = "CANCELLED";
        case "deleted" -> state = "DELETED";
        case "reprioritized" -> {
          c.priority = integer(d.get("priority"));
          detail = "priority " + d.get("priority");
        }
        case "schedule-fired" -> detail = "schedule " + d.get("schedule");
        default -> {
          // cancel-requested, and events added later: on the timeline, no state change.
        }
      }
      if (state != null) {
        c.moveTo(state, event.at(), ends(state));
      }
      if (attempt != null) {
        c.attempts = attempt;
      }
      if (error != null) {
        c.error = error;
      }
      if (detail == null && d.get("reason") != null) {
        detail = d.get("reason");
      }
      transitions.add(
          new Transition(
              id,
              position,
              event.type(),
              state,
              event.at(),
              event.type().equals("started") ? c.worker : null,
              attempt,
              error,
              detail));
    }
  }

  static boolean ends(String state) {
    return switch (state) {
      case "SUCCEEDED", "FAILED", "CANCELLED", "EXPIRED", "DELETED" -> true;
      default -> false;
    };
  }

  private static String[] split(String list) {
    return list == null ? new String[0] : list.split(" ");
  }

  private static String at(String[] values, int i) {
    return i < values.length ? values[i] : null;
  }

  private static Integer integer(String value) {
    return value == null || value.isEmpty() ? null : Integer.valueOf(value);
  }

  private static List<String> correlationIds(String json) {
    if (json == null) {
      return List.of();
    }
    try (JsonReader reader = Json.createReader(new StringReader(json))) {
      JsonArray array = reader.readArray();
      List<String> ids = new ArrayList<>(array.size());
      for (int i = 0; i < array.size(); i++) {
        ids.add(array.getString(i, ""));
      }
      return ids;
    }
  }
}
