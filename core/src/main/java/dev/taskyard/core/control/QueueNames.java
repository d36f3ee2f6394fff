package dev.taskyard.core.control;

import dev.taskyard.core.InvalidInputException;
import java.util.regex.Pattern;

/** Queue names: 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit. */
public final class QueueNames {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private QueueNames() {}

  public static String check(String queue) {
    if (queue == null || !NAME.matcher(queue).matches()) {
      throw new InvalidInputException(
          "queue",
          "must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit, was "
              + (queue == null ? "null" : "'" + queue + "'"));
    }
    return queue;
  }
}
