package dev.taskyard.core.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.taskyard.core.task.TaskState;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One entry of a queue's event stream: one kind of change applied at one instant to one or more
 * tasks (scripts write a batch as a single entry), or to the queue itself.
 *
 * @param streamId the Redis stream entry id, for resuming a read
 * @param type the kind's wire name ({@link EventKind#wireName()}; {@link #kind()} reads it), kept
 *     as written so that a kind added by a newer node passes through
 * @param taskIds the tasks it concerns; empty for a queue event
 * @param details further fields: worker, error, runAt, reason, percents, priority; schedule and
 *     fireAt (ms); per task, in the order of {@code taskIds}: attempts (space-separated, on started
 *     and released), on submitted, types, priorities and states (space-separated) and
 *     correlationIds (a JSON array, "" for none; absent when no task has one), and on the events
 *     that end an attempt (succeeded, retrying, failed, cancelled) cpu and alloc (space-separated,
 *     "-" where not measured; absent when no task was, and in entries written before they were
 *     added)
 */
public record TaskEvent(
    String streamId,
    String queue,
    String type,
    Instant at,
    List<String> taskIds,
    Map<String, String> details) {

  private static final JsonFactory JSON = new JsonFactory();

  /**
   * Reads one stream entry as written by the scripts' {@code emit}.
   *
   * @throws MalformedEventException if {@code type}, {@code at} or {@code ids} is missing or {@code
   *     at} is not a number
   */
  public static TaskEvent fromEntry(String queue, String streamId, Map<String, String> fields) {
    Map<String, String> details = new HashMap<>(fields);
    String type = details.remove("type");
    String at = details.remove("at");
    String ids = details.remove("ids");
    if (type == null || at == null || ids == null) {
      throw new MalformedEventException("entry " + streamId + " lacks type, at or ids", null);
    }
    try {
      return new TaskEvent(
          streamId,
          queue,
          type,
          Instant.ofEpochMilli(Long.parseLong(at)),
          ids.isEmpty() ? List.of() : List.of(ids.split(" ")),
          details);
    } catch (NumberFormatException e) {
      throw new MalformedEventException("entry " + streamId + " has a bad time: " + at, e);
    }
  }

  /** The kind, empty when {@link #type()} is a name this version does not know. */
  public Optional<EventKind> kind() {
    return EventKind.of(type);
  }

  /**
   * The per-task fields, in the order of {@link #taskIds()}, decoded once.
   *
   * @throws MalformedEventException if one is not of its form
   */
  public TaskFields taskFields() {
    try {
      return new TaskFields(
          words(details.get("types")),
          numbers(details.get("priorities")),
          words(details.get("states")).stream().map(TaskState::valueOf).toList(),
          numbers(details.get("attempts")),
          correlationIds(details.get("correlationIds")),
          measures(details.get("cpu")),
          measures(details.get("alloc")));
    } catch (IllegalArgumentException | IOException e) {
      throw new MalformedEventException("entry " + streamId + " has a malformed field", e);
    }
  }

  /**
   * What an event says about each of its tasks; a list is empty when the event does not carry it.
   *
   * @param types on submitted
   * @param priorities on submitted
   * @param states on submitted: where each task started (QUEUED, SCHEDULED, WAITING)
   * @param attempts on started and released
   * @param correlationIds on submitted, null for none
   * @param cpuTimeMicros on the events that end an attempt: the CPU time it used, null where not
   *     measured
   * @param allocatedBytes beside it: the heap memory it allocated, null where not measured
   */
  public record TaskFields(
      List<String> types,
      List<Integer> priorities,
      List<TaskState> states,
      List<Integer> attempts,
      List<String> correlationIds,
      List<Long> cpuTimeMicros,
      List<Long> allocatedBytes) {

    /** The i-th element of {@code list}, or null when it has none. */
    public static <T> T at(List<T> list, int i) {
      return i < list.size() ? list.get(i) : null;
    }
  }

  private static List<String> words(String list) {
    return list == null || list.isEmpty() ? List.of() : List.of(list.split(" "));
  }

  private static List<Integer> numbers(String list) {
    return words(list).stream().map(Integer::valueOf).toList();
  }

  /** Numbers where measured, null where "-". */
  private static List<Long> measures(String list) {
    return words(list).stream().map(w -> w.equals("-") ? null : Long.valueOf(w)).toList();
  }

  private static List<String> correlationIds(String json) throws IOException {
    if (json == null) {
      return List.of();
    }
    List<String> ids = new ArrayList<>();
    try (JsonParser parser = JSON.createParser(json)) {
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        throw new IllegalArgumentException("correlationIds is not a JSON array");
      }
      while (parser.nextToken() == JsonToken.VALUE_STRING) {
        String id = parser.getText();
        ids.add(id.isEmpty() ? null : id);
      }
      if (parser.currentToken() != JsonToken.END_ARRAY) {
        throw new IllegalArgumentException("correlationIds holds a value that is not a string");
      }
    }
    return ids;
  }
}
