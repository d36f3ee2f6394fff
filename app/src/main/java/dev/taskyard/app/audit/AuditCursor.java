package dev.taskyard.app.audit;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Where a page of the audit log ends: the last row's time (epoch ms) and id. Pages go newest first
 * by (time, id), so rows that arrive meanwhile never move a row from one page to another. Opaque to
 * clients (base64url).
 */
record AuditCursor(long atMs, long id) {
  private static final String PREFIX = "a1:";

  String encode() {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((PREFIX + atMs + ":" + id).getBytes(StandardCharsets.UTF_8));
  }

  /** The cursor in {@code token}, or empty if it is not one this class made. */
  static Optional<AuditCursor> decode(String token) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (!plain.startsWith(PREFIX)) {
        return Optional.empty();
      }
      String[] parts = plain.substring(PREFIX.length()).split(":");
      if (parts.length != 2) {
        return Optional.empty();
      }
      return Optional.of(new AuditCursor(Long.parseLong(parts[0]), Long.parseLong(parts[1])));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
