package dev.taskyard.core.testing;

import dev.taskyard.core.enqueue.TaskRequest;

/** Builders shared by every module's tests. */
public final class TaskFixtures {
  public static final String NOOP = "test.noop";

  private TaskFixtures() {}

  /** A valid task of type {@link #NOOP} with an empty object as payload. */
  public static TaskRequest aTask() {
    return TaskRequest.of(NOOP, "{}");
  }

  public static TaskRequest aTaskOfType(String type) {
    return TaskRequest.of(type, "{}");
  }

  /** A valid task whose payload carries {@code n}, to tell tasks apart. */
  public static TaskRequest aNumberedTask(int n) {
    return TaskRequest.of(NOOP, "{\"n\":" + n + "}");
  }
}
