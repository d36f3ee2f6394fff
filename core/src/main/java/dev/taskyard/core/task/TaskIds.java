package dev.taskyard.core.task;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import dev.taskyard.core.InvalidInputException;
import java.util.regex.Pattern;

/** Task ids: UUIDv7 strings, time-ordered and unique across nodes without coordination. */
public final class TaskIds {
  private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

  /**
   * The canonical form of a UUID, as {@link #next()} writes it. Nothing else is an id: an id is
   * part of Redis key names, so {@code <id>:children} would name another key of another type.
   */
  private static final Pattern ID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private TaskIds() {}

  /**
   * Refuses anything but a task id, as {@code field}, before it can reach Redis.
   *
   * @return {@code id}
   */
  public static String check(String field, String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new InvalidInputException(
          field,
          "must be a task id (a UUID such as 0193c1d2-7a3e-7b21-9f00-3c5d6e7f8a9b), was "
              + (id == null ? "null" : "'" + shortened(id) + "'"));
    }
    return id;
  }

  /** Enough of a refused value to recognise it, however long it was. */
  private static String shortened(String value) {
    return value.length() <= 64 ? value : value.substring(0, 64) + "...";
  }

  public static String next() {
    return GENERATOR.generate().toString();
  }
}
