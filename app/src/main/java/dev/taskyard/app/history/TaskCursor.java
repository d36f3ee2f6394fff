package dev.taskyard.app.history;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Where a page of tasks ends: the sort, its direction, and the last row's sort value (epoch ms or
 * priority) and id. Opaque to clients (base64url), and bound to the sort it was made for.
 */
public record TaskCursor(TaskSort sort, boolean ascending, long value, UUID id) {

  public String encode() {
    String plain = sort.parameter() + ":" + (ascending ? "asc" : "desc") + ":" + value + ":" + id;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /** The cursor in {@code token}, or empty if it is not one this class made. */
  public static Optional<TaskCursor> decode(String token) {
    try {
      String[] parts =
          new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":");
      if (parts.length != 4 || !(parts[1].equals("asc") || parts[1].equals("desc"))) {
        return Optional.empty();
      }
      return TaskSort.ofParameter(parts[0])
          .map(
              sort ->
                  new TaskCursor(
                      sort,
                      parts[1].equals("asc"),
                      Long.parseLong(parts[2]),
                      UUID.fromString(parts[3])));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
