package dev.taskyard.core.control;

/** A queued task's move by hand, one place in the order tasks are claimed in. */
public enum TaskMove {
  /** One place towards the head: it runs one task earlier. */
  UP,
  /** One place towards the tail. */
  DOWN
}
