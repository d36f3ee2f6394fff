package dev.taskyard.core.schedule;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A schedule as stored in Redis.
 *
 * @param definition its cron, zone, task template and missed-fire policy
 * @param paused a paused schedule fires nothing and has no next fire time
 * @param lastFireAt the fire time of its latest task
 * @param nextFireAt when it fires next (by the Redis clock); empty while paused
 * @param revision counts changes; a fire planned before a change is refused
 */
public record Schedule(
    String queue,
    String name,
    ScheduleDefinition definition,
    boolean paused,
    Instant createdAt,
    Instant updatedAt,
    Optional<Instant> lastFireAt,
    Optional<Instant> nextFireAt,
    long revision) {

  /**
   * @param nextFireMs the next fire time in ms, or -1 while paused
   */
  static Schedule fromHash(String queue, String name, Map<String, String> h, long nextFireMs) {
    return new Schedule(
        queue,
        name,
        ScheduleDefinition.fromHash(h),
        "1".equals(h.get("paused")),
        instant(h.get("createdAt")),
        instant(h.get("updatedAt")),
        Optional.ofNullable(h.get("lastFireAt")).map(Schedule::instant),
        nextFireMs < 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(nextFireMs)),
        Long.parseLong(h.get("revision")));
  }

  private static Instant instant(String epochMillis) {
    return Instant.ofEpochMilli(Long.parseLong(epochMillis));
  }
}
