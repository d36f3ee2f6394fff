package dev.taskyard.app.tasks;

import dev.taskyard.app.platform.JsonInput;
import dev.taskyard.core.InvalidInputException;
import java.util.Set;

/** A new priority for a task that has not started: {@code {"priority": 700}}. */
public record PriorityCommand(int priority) {

  public static PriorityCommand parse(String body) {
    JsonInput in = JsonInput.parse(body).only(Set.of("priority"));
    return new PriorityCommand(
        in.optionalInt("priority")
            .orElseThrow(() -> new InvalidInputException("priority", "is required")));
  }
}
