package dev.taskyard.app.history;

import java.time.Instant;

/**
 * One event of one task, as its timeline shows it.
 *
 * @param state the state the event left the task in; null if it did not change it
 * @param detail what else the event said (a reason, a retry time, a new priority)
 */
public record Transition(
    String taskId,
    StreamPosition position,
    String event,
    String state,
    Instant at,
    String worker,
    Integer attempt,
    String error,
    String detail) {}
