package dev.taskyard.app.audit;

import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;

/**
 * An audit log entry as the API shows it; {@code before} and {@code after} are JSON as recorded,
 * null where they do not apply.
 *
 * @param result succeeded (2xx, 3xx), refused (4xx) or failed (5xx)
 */
public record AuditEntryView(
    long id,
    Instant at,
    String actor,
    String role,
    String action,
    String target,
    int status,
    String result,
    String address,
    JsonValue before,
    JsonValue after) {

  static AuditEntryView of(AuditRow row) {
    AuditEntry e = row.entry();
    return new AuditEntryView(
        row.id(),
        e.at(),
        e.actor(),
        e.role(),
        e.action(),
        e.target(),
        e.status(),
        e.result(),
        e.address(),
        json(e.before()),
        json(e.after()));
  }

  private static JsonValue json(String text) {
    if (text == null) {
      return null;
    }
    try (JsonReader reader = Json.createReader(new StringReader(text))) {
      return reader.readValue();
    }
  }
}
