package dev.taskyard.app.history;

import java.util.Arrays;
import java.util.Optional;

/** What a task list can be sorted by; always with the id as tie-breaker, for keyset paging. */
public enum TaskSort {
  CREATED_AT("createdAt", "created_at"),
  UPDATED_AT("updatedAt", "updated_at"),
  PRIORITY("priority", "priority");

  private final String parameter;
  final String column;

  TaskSort(String parameter, String column) {
    this.parameter = parameter;
    this.column = column;
  }

  public String parameter() {
    return parameter;
  }

  boolean isTime() {
    return this != PRIORITY;
  }

  public static Optional<TaskSort> ofParameter(String value) {
    return Arrays.stream(values()).filter(s -> s.parameter.equals(value)).findFirst();
  }
}
