package dev.taskyard.app.tasks;

import dev.taskyard.app.platform.JsonInput;
import dev.taskyard.core.InvalidInputException;
import dev.taskyard.core.task.TaskIds;
import java.util.List;
import java.util.Set;

/**
 * Which dead letters to replay: {@code {"ids": [...]}} names them, {@code {"oldest": n}} takes the
 * n oldest; exactly one of the two.
 */
public record ReplayCommand(List<String> ids, Integer oldest) {
  static final int MAX_IDS = 1000;

  /** The most dead letters one replay of the oldest puts back, the console's "replay all" too. */
  static final int MAX_OLDEST = 10_000;

  public static ReplayCommand parse(String body) {
    JsonInput in = JsonInput.parse(body).only(Set.of("ids", "oldest"));
    if (in.has("ids") == in.has("oldest")) {
      throw new InvalidInputException(
          "ids", "or else oldest is required (one of the two, not both)");
    }
    if (in.has("oldest")) {
      int oldest = in.optionalInt("oldest").orElseThrow();
      if (oldest < 1 || oldest > MAX_OLDEST) {
        throw new InvalidInputException("oldest", "must be from 1 to " + MAX_OLDEST);
      }
      return new ReplayCommand(null, oldest);
    }
    List<String> ids = in.strings("ids");
    if (ids.isEmpty() || ids.size() > MAX_IDS) {
      throw new InvalidInputException("ids", "must name 1 to " + MAX_IDS + " tasks");
    }
    for (int i = 0; i < ids.size(); i++) {
      TaskIds.check("ids[" + i + "]", ids.get(i));
    }
    return new ReplayCommand(ids, null);
  }
}
