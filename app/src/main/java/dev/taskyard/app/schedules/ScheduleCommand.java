package dev.taskyard.app.schedules;

import dev.taskyard.app.platform.JsonInput;
import dev.taskyard.core.InvalidInputException;
import dev.taskyard.core.enqueue.TaskRequest;
import dev.taskyard.core.schedule.MissedFirePolicy;
import dev.taskyard.core.schedule.ScheduleDefinition;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * A schedule's definition: {@code {"cron":"0 2 * * *","zone":"Europe/Berlin","missedFires":
 * "FIRE_ONCE","task":{"type":"report.build","payload":{...},"priority":..,"maxAttempts":..,
 * "timeoutMs":..,"correlationId":..}}}; on create also {@code "queue"} and {@code "name"}.
 */
public record ScheduleCommand(String queue, String name, ScheduleDefinition definition) {
  private static final Set<String> FIELDS = Set.of("cron", "zone", "missedFires", "task");
  private static final Set<String> TASK_FIELDS =
      Set.of("type", "payload", "priority", "maxAttempts", "timeoutMs", "correlationId");

  /** A create: the body names the queue and the schedule. */
  public static ScheduleCommand parseCreate(String body) {
    Set<String> fields = new HashSet<>(FIELDS);
    fields.addAll(Set.of("queue", "name"));
    JsonInput in = JsonInput.parse(body).only(fields);
    return new ScheduleCommand(in.string("queue"), in.string("name"), definition(in));
  }

  /** An update of the schedule the path names. */
  public static ScheduleCommand parseUpdate(String queue, String name, String body) {
    return new ScheduleCommand(queue, name, definition(JsonInput.parse(body).only(FIELDS)));
  }

  private static ScheduleDefinition definition(JsonInput in) {
    ScheduleDefinition d = ScheduleDefinition.of(in.string("cron"), task(in.object("task")));
    if (in.has("zone")) {
      d = d.withZone(in.string("zone"));
    }
    if (in.has("missedFires")) {
      d = d.withMissedFires(missedFires(in.string("missedFires")));
    }
    return d;
  }

  private static TaskRequest task(JsonInput t) {
    t.only(TASK_FIELDS);
    String payload =
        t.optionalJsonText("payload")
            .orElseThrow(() -> new InvalidInputException(t.field("payload"), "is required"));
    TaskRequest r = TaskRequest.of(t.string("type"), payload);
    r = t.optionalInt("priority").map(r::withPriority).orElse(r);
    r = t.optionalInt("maxAttempts").map(r::withMaxAttempts).orElse(r);
    r = t.optionalLong("timeoutMs").map(Duration::ofMillis).map(r::withTimeout).orElse(r);
    return t.optionalString("correlationId").map(r::withCorrelationId).orElse(r);
  }

  private static MissedFirePolicy missedFires(String value) {
    try {
      return MissedFirePolicy.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("missedFires", "must be FIRE_ONCE or SKIP");
    }
  }
}
