package dev.taskyard.core.schedule;

import java.time.Instant;
import java.util.Optional;

/**
 * What one fire of a due schedule does, decided in Java because Lua cannot read cron.
 *
 * @param fireAt the fire time to create a task for; empty to create none (a skipped missed fire)
 * @param next the schedule's following fire time
 */
record FirePlan(Optional<Instant> fireAt, Instant next) {

  /**
   * @param due the schedule's planned fire time, at or before {@code now}
   * @param now the Redis server's time
   */
  static FirePlan of(CronTimes cron, Instant due, Instant now, MissedFirePolicy policy) {
    if (!now.isAfter(due.plus(MissedFirePolicy.MISSED_AFTER))) {
      return new FirePlan(Optional.of(due), cron.next(due));
    }
    return switch (policy) {
      case FIRE_ONCE -> {
        Instant latest = cron.latest(now).filter(t -> t.isAfter(due)).orElse(due);
        yield new FirePlan(Optional.of(latest), cron.next(latest));
      }
      case SKIP -> new FirePlan(Optional.empty(), cron.next(now));
    };
  }

  /** True when fire times were missed and left without a task of their own. */
  boolean missed(Instant due) {
    return fireAt.filter(due::equals).isEmpty();
  }
}
