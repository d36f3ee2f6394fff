package dev.taskyard.app.security;

import java.time.Instant;

/**
 * A user as the REST API shows it, never with a password hash.
 *
 * @param configured set by environment or configuration, so not changed through the API
 * @param createdAt null for configured users
 */
public record UserView(
    String name,
    String role,
    boolean enabled,
    boolean configured,
    Instant createdAt,
    Instant updatedAt) {

  static UserView of(UserAccounts.Account account) {
    return new UserView(
        account.name(),
        account.role().id(),
        account.enabled(),
        account.configured(),
        account.createdAt().orElse(null),
        account.updatedAt().orElse(null));
  }
}
