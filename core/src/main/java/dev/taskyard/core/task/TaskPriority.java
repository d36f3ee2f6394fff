package dev.taskyard.core.task;

/** Task priorities: an integer from {@link #MIN} to {@link #MAX}; higher runs first. */
public final class TaskPriority {
  public static final int MIN = 0;
  public static final int MAX = 1000;

  private TaskPriority() {}
}
