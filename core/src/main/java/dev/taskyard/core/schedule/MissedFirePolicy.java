package dev.taskyard.core.schedule;

import java.time.Duration;

/**
 * What a schedule does about fire times that no node fired in time: while every {@link
 * ScheduleRunner} was stopped, or Redis was unreachable. A fire time is <em>missed</em> when the
 * runner finds it more than {@link #MISSED_AFTER} late. Fire times found within that each create
 * their task, in order, so a runner that lags a few seconds loses nothing. Once a schedule's next
 * fire time is missed, every fire time up to now counts as missed, and the policy decides; either
 * way the schedule then goes on from its first fire time after now.
 *
 * <p>Fire times that pass while a schedule is paused are not missed: resuming plans from the moment
 * of the resume.
 */
public enum MissedFirePolicy {
  /** One task for the most recent missed fire time, then on as planned. The default. */
  FIRE_ONCE,
  /** No task for missed fire times. */
  SKIP;

  /** How late a fire time may be found and still fire as planned. */
  public static final Duration MISSED_AFTER = Duration.ofMinutes(1);
}
