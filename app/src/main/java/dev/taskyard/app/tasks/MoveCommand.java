package dev.taskyard.app.tasks;

import dev.taskyard.app.platform.JsonInput;
import dev.taskyard.core.InvalidInputException;
import java.util.Locale;
import java.util.Set;

/**
 * A queued task's new place, by hand: {@code {"to": "up"}} one place towards the head, {@code
 * "down"} one towards the tail, {@code "next"} ahead of every other (at the highest priority).
 */
public record MoveCommand(Place to) {

  /** Where a move takes a queued task. */
  public enum Place {
    UP,
    DOWN,
    NEXT
  }

  public static MoveCommand parse(String body) {
    String to =
        JsonInput.parse(body)
            .only(Set.of("to"))
            .optionalString("to")
            .orElseThrow(() -> new InvalidInputException("to", "is required"));
    try {
      return new MoveCommand(Place.valueOf(to.toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("to", "must be up, down or next");
    }
  }
}
