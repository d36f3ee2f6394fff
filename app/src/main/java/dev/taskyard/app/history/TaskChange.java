package dev.taskyard.app.history;

import java.time.Instant;

/**
 * What a batch of events changes on one task row: the fields the events set (null = untouched), as
 * of the newest event, and that event's stream position.
 */
final class TaskChange {
  final String id;
  final String queue;
  final Instant firstAt;
  String type;
  String state;
  Integer priority;
  Integer attempts;
  String correlationId;
  String error;
  String worker;
  Instant createdAt;
  Instant startedAt;
  Instant finishedAt;
  Instant updatedAt;
  StreamPosition position;

  TaskChange(String id, String queue, Instant firstAt) {
    this.id = id;
    this.queue = queue;
    this.firstAt = firstAt;
  }

  /** Moves to {@code newState}; an end state records when, any other clears it (a retry). */
  void moveTo(String newState, Instant at, boolean ends) {
    state = newState;
    finishedAt = ends ? at : null;
  }
}
