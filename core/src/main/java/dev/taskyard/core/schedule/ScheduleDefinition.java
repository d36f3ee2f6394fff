package dev.taskyard.core.schedule;

import dev.taskyard.core.InvalidInputException;
import dev.taskyard.core.enqueue.TaskRequest;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a schedule does: when (a cron expression read in a time zone), which task each fire creates,
 * and what happens to missed fires. Immutable: each {@code with...} returns a copy.
 *
 * @param cron see {@link CronTimes}: 5 fields (UNIX cron) or 6 with seconds first
 * @param zone the zone the cron is read in (UTC unless set)
 * @param task the task each fire submits; priority, attempts, timeout and correlation id may be
 *     set, unset ones take the queue's defaults. Not runAt, delay or an idempotency key: the fire
 *     time decides when the task runs, and the scheduler sets the key ({@code
 *     schedule:<name>:<ms>}).
 * @param missedFires see {@link MissedFirePolicy}
 */
public record ScheduleDefinition(
    String cron, ZoneId zone, TaskRequest task, MissedFirePolicy missedFires) {

  public ScheduleDefinition {
    if (zone == null) {
      throw new InvalidInputException("zone", "is required");
    }
    CronTimes.parse(cron, zone);
    if (task == null) {
      throw new InvalidInputException("task", "is required");
    }
    String fireTimesDecide = "is not for a schedule's task: its fire times decide when it runs";
    refuseSet("runAt", task.runAt(), fireTimesDecide);
    refuseSet("delay", task.delay(), fireTimesDecide);
    refuseSet(
        "idempotencyKey",
        task.idempotencyKey(),
        "is not for a schedule's task: each fire sets it to schedule:<name>:<fire time in ms>");
    if (missedFires == null) {
      throw new InvalidInputException("missedFires", "is required");
    }
  }

  /** Fires in UTC; one task for the latest missed fire time. */
  public static ScheduleDefinition of(String cron, TaskRequest task) {
    return new ScheduleDefinition(cron, ZoneOffset.UTC, task, MissedFirePolicy.FIRE_ONCE);
  }

  public ScheduleDefinition withCron(String value) {
    return new ScheduleDefinition(value, zone, task, missedFires);
  }

  public ScheduleDefinition withZone(ZoneId value) {
    return new ScheduleDefinition(cron, value, task, missedFires);
  }

  /**
   * @param value a region such as {@code Europe/Berlin}, or an offset such as {@code +02:00}
   * @throws InvalidInputException naming {@code zone} when Java knows no such zone
   */
  public ScheduleDefinition withZone(String value) {
    try {
      return withZone(ZoneId.of(value == null ? "" : value));
    } catch (DateTimeException e) {
      throw new InvalidInputException("zone", "is not a time zone: " + e.getMessage());
    }
  }

  public ScheduleDefinition withTask(TaskRequest value) {
    return new ScheduleDefinition(cron, zone, value, missedFires);
  }

  public ScheduleDefinition withMissedFires(MissedFirePolicy value) {
    return new ScheduleDefinition(cron, zone, task, value);
  }

  CronTimes times() {
    return CronTimes.parse(cron, zone);
  }

  /**
   * The fields of the schedule hash ("" = unset). The template uses the task hash's field names,
   * which fireSchedule passes on.
   */
  Map<String, String> toHash() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("cron", cron);
    h.put("zone", zone.getId());
    h.put("missedFires", missedFires.name());
    h.put("type", task.type());
    h.put("payload", task.payload());
    h.put("priority", text(task.priority()));
    h.put("maxAttempts", text(task.maxAttempts()));
    h.put("timeoutMs", text(task.timeout().map(Duration::toMillis)));
    h.put("correlationId", task.correlationId().orElse(""));
    return h;
  }

  static ScheduleDefinition fromHash(Map<String, String> h) {
    TaskRequest task = TaskRequest.of(h.get("type"), h.get("payload"));
    if (h.containsKey("priority")) {
      task = task.withPriority(Integer.parseInt(h.get("priority")));
    }
    if (h.containsKey("maxAttempts")) {
      task = task.withMaxAttempts(Integer.parseInt(h.get("maxAttempts")));
    }
    if (h.containsKey("timeoutMs")) {
      task = task.withTimeout(Duration.ofMillis(Long.parseLong(h.get("timeoutMs"))));
    }
    if (h.containsKey("correlationId")) {
      task = task.withCorrelationId(h.get("correlationId"));
    }
    return new ScheduleDefinition(
        h.get("cron"),
        ZoneId.of(h.get("zone")),
        task,
        MissedFirePolicy.valueOf(h.get("missedFires")));
  }

  private static void refuseSet(String field, Optional<?> value, String problem) {
    if (value.isPresent()) {
      throw new InvalidInputException("task." + field, problem);
    }
  }

  private static String text(Optional<?> value) {
    return value.map(Object::toString).orElse("");
  }
}
