package dev.taskyard.app.audit;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * The audit log as CSV (RFC 4180): a header line, then one line per entry, CRLF after each. A value
 * holding a comma, a quote or a line break is quoted, quotes doubled; a value a spreadsheet would
 * take for a formula (starting with {@code = + - @}, tab or carriage return) is prefixed with an
 * apostrophe and quoted, so opening an export runs nothing.
 */
final class AuditCsv {
  static final List<String> HEADER =
      List.of(
          "id", "at", "actor", "role", "action", "target", "status", "result", "address", "before",
          "after");

  private AuditCsv() {}

  static void header(Writer out) throws IOException {
    line(out, HEADER);
  }

  static void row(Writer out, AuditRow row) throws IOException {
    AuditEntry e = row.entry();
    line(
        out,
        List.of(
            Long.toString(row.id()),
            e.at().toString(),
            e.actor(),
            e.role(),
            e.action(),
            nullToEmpty(e.target()),
            Integer.toString(e.status()),
            e.result(),
            nullToEmpty(e.address()),
            nullToEmpty(e.before()),
            nullToEmpty(e.after())));
  }

  private static void line(Writer out, List<String> values) throws IOException {
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
  static String field(String value) {
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

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }
}
