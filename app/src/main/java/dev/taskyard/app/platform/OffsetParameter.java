package dev.taskyard.app.platform;

/** A list's {@code offset} query parameter: a whole number from 0, else 400. */
public final class OffsetParameter {
  private OffsetParameter() {}

  public static int parse(String value) {
    try {
      int offset = Integer.parseInt(value);
      if (offset >= 0) {
        return offset;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new BadParameterException("offset", "must be a whole number from 0");
  }
}
