package dev.taskyard.core;

/**
 * Control characters (Unicode category Cc: U+0000-U+001F, U+007F-U+009F) are refused where text is
 * input, and replaced where text is output from code the engine does not control: PostgreSQL
 * refuses NUL in text, terminals and logs act on the others, and none means anything in a name or a
 * key.
 */
public final class ControlCharacters {
  /** What an unsafe character becomes on output. */
  static final char REPLACEMENT = '\uFFFD';

  private ControlCharacters() {}

  /** Refuses {@code value} as {@code field} if it holds a control character; null passes. */
  public static String refuse(String field, String value) {
    if (value != null) {
      for (int i = 0; i < value.length(); i++) {
        if (Character.isISOControl(value.charAt(i))) {
          throw new InvalidInputException(
              field,
              "must not contain control characters (found U+%04X at index %d)"
                  .formatted((int) value.charAt(i), i));
        }
      }
    }
    return value;
  }

  /**
   * {@code text} with every control character but tab, line feed and carriage return (which stack
   * traces need) replaced by U+FFFD; null stays null.
   */
  public static String replace(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder safe = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
        if (safe == null) {
          safe = new StringBuilder(text);
        }
        safe.setCharAt(i, REPLACEMENT);
      }
    }
    return safe == null ? text : safe.toString();
  }
}
