package dev.taskyard.app.platform;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * CSV lines (RFC 4180), for every export: CRLF after each line; a value holding a comma, a quote or
 * a line break is quoted, quotes doubled; a value a spreadsheet would take for a formula (starting
 * with {@code = + - @}, tab or carriage return) is prefixed with an apostrophe and quoted, so
 * opening an export runs nothing.
 */
public final class CsvLines {
  private CsvLines() {}

  /** Writes {@code values} as one line; null is an empty field. */
  public static void write(Writer out, List<String> values) throws IOException {
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.write(field(values.get(i)));
    }
    out.write("\r\n");
  }

  /**
   * One value as a CSV field, quoted where it must be, defused where a spreadsheet would run it.
   */
  public static String field(String value) {
    if (value == null) {
      return "";
    }
    boolean formula = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0;
    String text = formula ? "'" + value : value;
    if (formula
        || text.indexOf(',') >= 0
        || text.indexOf('"') >= 0
        || text.indexOf('\n') >= 0
        || text.indexOf('\r') >= 0) {
      return '"' + text.replace("\"", "\"\"") + '"';
    }
    return text;
  }
}
