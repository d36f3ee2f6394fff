package dev.taskyard.core.control;

import dev.taskyard.core.InvalidInputException;
import java.util.regex.Pattern;

/**
 * Queue (and schedule) names: 1-64 letters, digits, '.', '_' or '-', starting with a letter or
 * digit.
 */
public final class QueueNames {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private QueueNames() {}

  public static String check(String queue) {
    return check("queue", queue);
  }

  /** Checks another name held to the same rule (a schedule's), refusing it as {@code field}. */
  public static String check(String field, String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new InvalidInputException(
          field,
          "must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit, was "
              + (name == null ? "null" : "'" + name + "'"));
    }
    return name;
  }
}
