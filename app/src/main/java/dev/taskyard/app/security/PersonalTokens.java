package dev.taskyard.app.security;

import dev.taskyard.app.platform.Problem;
import dev.taskyard.app.platform.ProblemException;
import dev.taskyard.app.platform.Role;
import dev.taskyard.core.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What people do with their own API tokens, from the console or the API: make one (never with more
 * than their own role), list them, revoke one. A token cannot manage tokens: that needs a password,
 * so a leaked token cannot make itself a successor.
 */
@ApplicationScoped
public class PersonalTokens {
  static final int MAX_NAME = 64;
  static final int MAX_DAYS = 3650;

  @Inject ApiTokens tokens;

  /**
   * Makes a token for {@code owner}, with {@code role} (at most theirs, theirs by default) and
   * expiring after {@code days} if given.
   */
  public ApiTokens.Issued issue(
      UserAccounts.Caller owner, String name, Optional<Role> role, Optional<Integer> days)
      throws SQLException {
    if (name == null || name.isBlank() || name.length() > MAX_NAME || hasControl(name)) {
      throw new InvalidInputException(
          "name", "must be 1 to " + MAX_NAME + " characters without control characters");
    }
    Role granted = role.orElse(owner.role());
    if (granted.atMost(owner.role()) != granted) {
      throw new InvalidInputException("role", "cannot exceed your own role, " + owner.role().id());
    }
    if (days.isPresent() && (days.get() < 1 || days.get() > MAX_DAYS)) {
      throw new InvalidInputException("expiresInDays", "must be 1 to " + MAX_DAYS);
    }
    Optional<Instant> expires = days.map(d -> Instant.now().plus(Duration.ofDays(d)));
    return tokens
        .issue(owner.name(), name.strip(), granted, expires)
        .orElseThrow(
            () ->
                new ProblemException(
                    Problem.of(409, "Token exists")
                        .field("name")
                        .detail("You have a token named " + name.strip() + ".")));
  }

  public List<ApiToken> of(String owner) throws SQLException {
    return tokens.ownedBy(owner);
  }

  /** Revokes {@code owner}'s token {@code id}. */
  public void revoke(String owner, long id) throws SQLException {
    if (!tokens.revoke(owner, id)) {
      throw new ProblemException(
          Problem.of(404, "No such token").field("id").detail("You have no token " + id + "."));
    }
  }

  private static boolean hasControl(String name) {
    return name.chars().anyMatch(Character::isISOControl);
  }
}
