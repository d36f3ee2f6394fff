package dev.taskyard.app.tasks;

import dev.taskyard.app.platform.JsonInput;
import dev.taskyard.core.InvalidInputException;
import dev.taskyard.core.enqueue.TaskRequest;
import dev.taskyard.core.task.TaskRef;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A submit: one task, {@code {"queue":"q","type":"t","payload":{...},...}}, or a batch that is
 * accepted or refused whole, {@code {"queue":"q","tasks":[{"type":"t",...},...]}}.
 *
 * <p>A task's fields: {@code type}, {@code payload} (any JSON), and optionally {@code priority},
 * {@code delayMs} or {@code runAt} (ISO-8601 instant), {@code maxAttempts}, {@code timeoutMs},
 * {@code idempotencyKey}, {@code correlationId}, {@code dependsOn} (ids in this queue, or {@code
 * queue/id}) and {@code onParentFailure} ({@code CANCEL} or {@code RUN}).
 *
 * @param batch whether the body held a {@code tasks} list (the answer then lists the tasks)
 */
public record SubmitTaskCommand(String queue, List<TaskRequest> tasks, boolean batch) {
  static final Set<String> TASK_FIELDS =
      Set.of(
          "type",
          "payload",
          "priority",
          "delayMs",
          "runAt",
          "maxAttempts",
          "timeoutMs",
          "idempotencyKey",
          "correlationId",
          "dependsOn",
          "onParentFailure");

  /** Largest batch accepted in one request. */
  public static final int MAX_BATCH = 1000;

  public static SubmitTaskCommand parse(String body) {
    JsonInput in = JsonInput.parse(body);
    String queue = in.string("queue");
    if (!in.has("tasks")) {
      Set<String> fields = new HashSet<>(TASK_FIELDS);
      fields.add("queue");
      return new SubmitTaskCommand(queue, List.of(task(in.only(fields), queue)), false);
    }
    in.only(Set.of("queue", "tasks"));
    List<JsonInput> items = in.objects("tasks");
    if (items.isEmpty() || items.size() > MAX_BATCH) {
      throw new InvalidInputException("tasks", "must hold 1-" + MAX_BATCH + " tasks");
    }
    List<TaskRequest> tasks = new ArrayList<>(items.size());
    for (JsonInput item : items) {
      tasks.add(task(item.only(TASK_FIELDS), queue));
    }
    return new SubmitTaskCommand(queue, tasks, true);
  }

  /** Where the engine's refusal of task {@code index} lies in this body. */
  public InvalidInputException locate(InvalidInputException e, int index) {
    return batch ? e.at("tasks", index) : e;
  }

  private static TaskRequest task(JsonInput in, String queue) {
    String payload =
        in.optionalJsonText("payload")
            .orElseThrow(() -> new InvalidInputException(in.field("payload"), "is required"));
    TaskRequest r = TaskRequest.of(in.string("type"), payload);
    r = in.optionalInt("priority").map(r::withPriority).orElse(r);
    r = in.optionalLong("delayMs").map(Duration::ofMillis).map(r::withDelay).orElse(r);
    if (in.has("runAt")) {
      r = r.withRunAt(instant(in, "runAt"));
    }
    r = in.optionalInt("maxAttempts").map(r::withMaxAttempts).orElse(r);
    r = in.optionalLong("timeoutMs").map(Duration::ofMillis).map(r::withTimeout).orElse(r);
    r = in.optionalString("idempotencyKey").map(r::withIdempotencyKey).orElse(r);
    r = in.optionalString("correlationId").map(r::withCorrelationId).orElse(r);
    List<String> parents = in.strings("dependsOn");
    if (!parents.isEmpty()) {
      List<TaskRef> refs = new ArrayList<>(parents.size());
      for (int i = 0; i < parents.size(); i++) {
        String p = parents.get(i);
        try {
          refs.add(p.contains("/") ? TaskRef.parse(p) : new TaskRef(queue, p));
        } catch (InvalidInputException e) {
          throw new InvalidInputException(
              in.field("dependsOn") + "[" + i + "]", "must be a task id or queue/id");
        }
      }
      r = r.withDependencies(refs);
    }
    if (in.has("onParentFailure")) {
      String policy = in.string("onParentFailure");
      try {
        r =
            r.withOnParentFailure(
                TaskRequest.ParentFailure.valueOf(policy.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException(in.field("onParentFailure"), "must be CANCEL or RUN");
      }
    }
    return r;
  }

  private static Instant instant(JsonInput in, String name) {
    try {
      return Instant.parse(in.string(name));
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(
          in.field(name), "must be an ISO-8601 instant such as 2030-01-01T00:00:00Z");
    }
  }
}
