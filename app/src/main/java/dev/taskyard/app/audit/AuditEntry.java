package dev.taskyard.app.audit;

import dev.taskyard.core.ControlCharacters;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One mutation as the audit log keeps it: who ({@code actor}, with their highest {@code role}),
 * what ({@code action}, a stable name such as {@code task.retry}) on which {@code target}, the
 * state before and after where it applies (JSON text, null otherwise), when, from which address,
 * and how it ended ({@code status}, the HTTP status or its equivalent for a console action).
 *
 * <p>Text is made safe on the way in: control characters (PostgreSQL refuses NUL) become U+FFFD, in
 * {@code before} and {@code after} too, so no entry can be refused by the store for its content.
 *
 * @param id given when the entry is recorded, and kept through every copy: the store keeps an entry
 *     written twice once
 */
public record AuditEntry(
    UUID id,
    Instant at,
    String actor,
    String role,
    String action,
    String target,
    String before,
    String after,
    String address,
    int status) {

  /** What {@link #result()} calls a 2xx or 3xx. */
  public static final String SUCCEEDED = "succeeded";

  /** What {@link #result()} calls a 4xx: the caller's request or the state refused it. */
  public static final String REFUSED = "refused";

  /** What {@link #result()} calls anything else: the server could not do it. */
  public static final String FAILED = "failed";

  // A \u0000 escape in JSON text that is not itself an escaped backslash followed by "u0000".
  private static final Pattern NUL_ESCAPE = Pattern.compile("(?<!\\\\)((?:\\\\\\\\)*)\\\\u0000");

  public AuditEntry {
    actor = ControlCharacters.replace(actor == null ? "anonymous" : actor);
    role = ControlCharacters.replace(role == null ? "none" : role);
    action = ControlCharacters.replace(action == null ? "unknown" : action);
    target = ControlCharacters.replace(target);
    before = safeJson(before);
    after = safeJson(after);
    address = ControlCharacters.replace(address);
  }

  /** A new entry, at the current millisecond. */
  public static AuditEntry now(
      String actor,
      String role,
      String action,
      String target,
      String before,
      String after,
      String address,
      int status) {
    return new AuditEntry(
        UUID.randomUUID(),
        Instant.ofEpochMilli(System.currentTimeMillis()),
        actor,
        role,
        action,
        target,
        before,
        after,
        address,
        status);
  }

  /** {@link #SUCCEEDED}, {@link #REFUSED} or {@link #FAILED}, from the status. */
  public String result() {
    if (status >= 200 && status < 400) {
      return SUCCEEDED;
    }
    return status >= 400 && status < 500 ? REFUSED : FAILED;
  }

  /** The entry as the fields of a stream entry; absent values are left out. */
  Map<String, String> toFields() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("id", id.toString());
    fields.put("at", Long.toString(at.toEpochMilli()));
    fields.put("actor", actor);
    fields.put("role", role);
    put(fields, "action", action);
    put(fields, "target", target);
    put(fields, "before", before);
    put(fields, "after", after);
    put(fields, "address", address);
    fields.put("status", Integer.toString(status));
    return fields;
  }

  /**
   * The entry in a stream entry's fields. Leniently: a field missing or malformed (the stream is
   * open to anyone with Redis access) gives a default rather than an entry that blocks the others;
   * {@code streamId} stands in for a missing id and time, so a retry maps it to the same row.
   */
  static AuditEntry fromFields(String streamId, Map<String, String> fields) {
    UUID id;
    try {
      id = UUID.fromString(fields.get("id"));
    } catch (RuntimeException e) {
      id = UUID.nameUUIDFromBytes(("ty:audit " + streamId).getBytes(StandardCharsets.UTF_8));
    }
    return new AuditEntry(
        id,
        Instant.ofEpochMilli(number(fields.get("at"), streamMs(streamId))),
        fields.get("actor"),
        fields.get("role"),
        fields.getOrDefault("action", "unknown"),
        fields.get("target"),
        fields.get("before"),
        fields.get("after"),
        fields.get("address"),
        (int) number(fields.get("status"), 0));
  }

  @Override
  public String toString() {
    return "audit entry "
        + id
        + " at "
        + at
        + ": "
        + actor
        + " ("
        + role
        + ") "
        + action
        + " "
        + target
        + " from "
        + address
        + " -> "
        + status
        + (before == null ? "" : ", before " + before)
        + (after == null ? "" : ", after " + after);
  }

  /**
   * JSON text whose strings hold no control character: a raw one (which JSON does not allow anyway)
   * becomes U+FFFD, and so does the escape of NUL, which {@code jsonb} refuses.
   */
  static String safeJson(String json) {
    if (json == null) {
      return null;
    }
    return NUL_ESCAPE.matcher(ControlCharacters.replace(json)).replaceAll("$1\\\\ufffd");
  }

  private static void put(Map<String, String> fields, String name, String value) {
    if (value != null) {
      fields.put(name, value);
    }
  }

  private static long number(String value, long otherwise) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      return otherwise;
    }
  }

  private static long streamMs(String streamId) {
    int dash = streamId.indexOf('-');
    return number(dash < 0 ? streamId : streamId.substring(0, dash), 0);
  }
}
