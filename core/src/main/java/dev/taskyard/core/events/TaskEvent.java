package dev.taskyard.core.events;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of a queue's event stream: one kind of change applied at one instant to one or more
 * tasks (scripts write a batch as a single entry), or to the queue itself.
 *
 * @param streamId the Redis stream entry id, for resuming a read
 * @param type a task event: submitted, queued, started, succeeded, retrying, failed, requeued,
 *     expired, released, replayed, cancelled, cancel-requested, promoted, reprioritized, deleted,
 *     unblocked (its dependencies succeeded), progress, schedule-fired (a schedule created the
 *     task), lost (its record was gone when a worker claimed it: dropped unrun); or a queue event:
 *     queue-configured, queue-paused, queue-resumed, schedule-created, schedule-updated,
 *     schedule-paused, schedule-resumed, schedule-deleted
 * @param taskIds the tasks it concerns; empty for a queue event
 * @param details further fields: worker, error, runAt, reason, percents, priority; schedule and
 *     fireAt (ms); per task, in the order of {@code taskIds}: attempts (space-separated, on started
 *     and released) and, on submitted, types, priorities and states (space-separated) and
 *     correlationIds (a JSON array, "" for none; absent when no task has one)
 */
public record TaskEvent(
    String streamId,
    String queue,
    String type,
    Instant at,
    List<String> taskIds,
    Map<String, String> details) {

  /** Reads one stream entry as written by the scripts' {@code emit}. */
  public static TaskEvent fromEntry(String queue, String streamId, Map<String, String> fields) {
    Map<String, String> details = new HashMap<>(fields);
    String type = details.remove("type");
    Instant at = Instant.ofEpochMilli(Long.parseLong(details.remove("at")));
    String ids = details.remove("ids");
    return new TaskEvent(
        streamId, queue, type, at, ids.isEmpty() ? List.of() : List.of(ids.split(" ")), details);
  }
}
