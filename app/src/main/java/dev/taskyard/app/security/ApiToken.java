package dev.taskyard.app.security;

import dev.taskyard.app.platform.Role;
import java.time.Instant;
import java.util.Optional;

/**
 * A personal API token as stored ({@code api_token}): never its secret, only a digest of it, and a
 * hint of its first characters so its owner can tell tokens apart.
 *
 * @param role the most the token may do; its owner's current role caps it
 */
public record ApiToken(
    long id,
    String owner,
    String name,
    Role role,
    String hint,
    Instant createdAt,
    Optional<Instant> expiresAt,
    Optional<Instant> lastUsedAt) {

  /** Whether the token can no longer be used at {@code now}. */
  public boolean expiredAt(Instant now) {
    return expiresAt.map(end -> !now.isBefore(end)).orElse(false);
  }
}
