package dev.taskyard.app.history;

import java.time.Instant;

/**
 * What a batch of events changes on one task row: the fields the events set (null = untouched),
 * each group of fields with the stream position of the event that set it, so that rows merge field
 * by field whatever order batches commit in (each field keeps the value of its newest event).
 */
final class TaskChange {
  final String id;
  final String queue;
  // Set once, by the submitted event.
  String type;
  String correlationId;
  // Set by state events, with the end time.
  String state;
  Instant finishedAt;
  StreamPosition statePosition;
  // Submitted and reprioritized.
  Integer priority;
  StreamPosition priorityPosition;
  // Started and released.
  Integer attempts;
  StreamPosition attemptsPosition;
  // Retrying and failed.
  String error;
  StreamPosition errorPosition;
  // Started: who and when.
  String worker;
  Instant startedAt;
  StreamPosition workerPosition;
  // The events that end an attempt, when it was measured: both of its last measured attempt.
  Long cpuTimeMicros;
  Long allocatedBytes;
  StreamPosition usagePosition;
  // The newest event of all.
  Instant updatedAt;
  StreamPosition position;

  TaskChange(String id, String queue) {
    this.id = id;
    this.queue = queue;
  }

  /** Moves to {@code newState}; an end state records when, any other clears it (a retry). */
  void moveTo(StreamPosition at, String newState, Instant when, boolean ends) {
    if (StreamPosition.after(at, statePosition)) {
      state = newState;
      finishedAt = ends ? when : null;
      statePosition = at;
    }
  }

  void setPriority(StreamPosition at, Integer value) {
    if (value != null && StreamPosition.after(at, priorityPosition)) {
      priority = value;
      priorityPosition = at;
    }
  }

  void setAttempts(StreamPosition at, Integer value) {
    if (value != null && StreamPosition.after(at, attemptsPosition)) {
      attempts = value;
      attemptsPosition = at;
    }
  }

  void setError(StreamPosition at, String value) {
    if (value != null && StreamPosition.after(at, errorPosition)) {
      error = value;
      errorPosition = at;
    }
  }

  void setStart(StreamPosition at, String byWorker, Instant when) {
    if (StreamPosition.after(at, workerPosition)) {
      worker = byWorker;
      startedAt = when;
      workerPosition = at;
    }
  }

  /** What an attempt used; ignored when neither was measured, as the task's hash keeps the last. */
  void setUsage(StreamPosition at, Long cpuMicros, Long bytes) {
    if ((cpuMicros != null || bytes != null) && StreamPosition.after(at, usagePosition)) {
      cpuTimeMicros = cpuMicros;
      allocatedBytes = bytes;
      usagePosition = at;
    }
  }

  void touch(StreamPosition at, Instant when) {
    if (StreamPosition.after(at, position)) {
      position = at;
      updatedAt = when;
    }
  }
}
