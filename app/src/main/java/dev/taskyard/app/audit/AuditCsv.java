package dev.taskyard.app.audit;

import dev.taskyard.app.platform.CsvLines;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** The audit log as CSV ({@link CsvLines}): a header line, then one line per entry. */
final class AuditCsv {
  static final List<String> HEADER =
      List.of(
          "id", "at", "actor", "role", "action", "target", "status", "result", "address", "before",
          "after");

  private AuditCsv() {}

  static void header(Writer out) throws IOException {
    CsvLines.write(out, HEADER);
  }

  static void row(Writer out, AuditRow row) throws IOException {
    AuditEntry e = row.entry();
    CsvLines.write(
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

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }
}
