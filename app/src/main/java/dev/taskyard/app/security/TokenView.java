package dev.taskyard.app.security;

import java.time.Instant;

/**
 * A personal API token as the REST API shows it.
 *
 * @param hint the secret's first characters, to tell tokens apart
 * @param secret the whole secret: only in the answer that made the token, null afterwards
 */
public record TokenView(
    long id,
    String name,
    String role,
    String hint,
    Instant createdAt,
    Instant expiresAt,
    Instant lastUsedAt,
    String secret) {

  static TokenView of(ApiToken token) {
    return of(token, null);
  }

  static TokenView of(ApiToken token, String secret) {
    return new TokenView(
        token.id(),
        token.name(),
        token.role().id(),
        token.hint(),
        token.createdAt(),
        token.expiresAt().orElse(null),
        token.lastUsedAt().orElse(null),
        secret);
  }
}
