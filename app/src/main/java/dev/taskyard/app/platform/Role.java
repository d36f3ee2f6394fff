package dev.taskyard.app.platform;

import dev.taskyard.core.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** A user's role; each includes the ones before it (an admin is also an operator and a viewer). */
public enum Role {
  VIEWER(Roles.VIEWER),
  OPERATOR(Roles.OPERATOR),
  ADMIN(Roles.ADMIN);

  private final String id;

  Role(String id) {
    this.id = id;
  }

  /** The name in groups, the database and JSON: {@code viewer}, {@code operator}, {@code admin}. */
  public String id() {
    return id;
  }

  /** The groups of a user with this role: its own and those it includes. */
  public Set<String> groups() {
    return Arrays.stream(values())
        .filter(role -> role.ordinal() <= ordinal())
        .map(Role::id)
        .collect(Collectors.toUnmodifiableSet());
  }

  /** The lower of this role and {@code other}. */
  public Role atMost(Role other) {
    return ordinal() <= other.ordinal() ? this : other;
  }

  /** The highest role {@code inRole} grants, or {@link #VIEWER} when it grants none. */
  public static Role highest(Predicate<String> inRole) {
    for (int i = values().length - 1; i > 0; i--) {
      if (inRole.test(values()[i].id)) {
        return values()[i];
      }
    }
    return VIEWER;
  }

  /** The role named {@code value}, or a refusal naming {@code field}. */
  public static Role parse(String field, String value) {
    return Arrays.stream(values())
        .filter(role -> role.id.equals(value.toLowerCase(Locale.ROOT)))
        .findFirst()
        .orElseThrow(() -> new InvalidInputException(field, "must be viewer, operator or admin"));
  }
}
