package dev.taskyard.app.audit;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Every entry a query matches, newest first, written as CSV or a JSON array page by page as it is
 * read: the API's export and the console's alike.
 */
final class AuditExport {
  private static final Jsonb JSONB = JsonbBuilder.create();

  private AuditExport() {}

  /**
   * Writes {@code first} (read before the answer starts, so an outage is an error, not a truncated
   * file) and every page after it.
   */
  static void write(
      AuditStore store, AuditQuery query, AuditPage first, boolean csv, OutputStream output)
      throws IOException {
    Writer out = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
    if (csv) {
      AuditCsv.header(out);
    } else {
      out.write('[');
    }
    boolean firstRow = true;
    AuditPage page = first;
    while (true) {
      for (AuditRow row : page.rows()) {
        if (csv) {
          AuditCsv.row(out, row);
        } else {
          if (!firstRow) {
            out.write(',');
          }
          out.write(JSONB.toJson(AuditEntryView.of(row)));
        }
        firstRow = false;
      }
      Optional<AuditCursor> next = page.next();
      if (next.isEmpty()) {
        break;
      }
      page = store.page(query.after(next.get(), AuditQueryParameters.MAX_LIMIT));
    }
    if (!csv) {
      out.write(']');
    }
    out.flush();
  }
}
