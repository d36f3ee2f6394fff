package dev.taskyard.app.platform;

/** A list's {@code limit} query parameter: a whole number from 1 to a maximum, else 400. */
public final class LimitParameter {
  private LimitParameter() {}

  public static int parse(String value, int max) {
    try {
      int limit = Integer.parseInt(value);
      if (limit >= 1 && limit <= max) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new BadParameterException("limit", "must be a whole number from 1 to " + max);
  }
}
