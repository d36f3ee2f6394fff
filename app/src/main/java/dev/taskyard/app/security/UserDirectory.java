package dev.taskyard.app.security;

import dev.taskyard.app.platform.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The users configured by environment or MicroProfile Config: their names, roles, and how each
 * one's password is checked. Administrators manage the others ({@link StoredUsers}).
 */
final class UserDirectory {

  /** A user; {@code password} tells whether a given password is theirs. */
  record User(String name, Role role, Predicate<char[]> password) {}

  /**
   * A configured account besides the administrator, which exists only with a password.
   *
   * @param prefix its configuration prefix, for errors ({@code taskyard.viewer})
   */
  record Account(String prefix, String name, Role role, Optional<String> password) {}

  private final List<User> users;

  private UserDirectory(List<User> users) {
    this.users = List.copyOf(users);
  }

  /**
   * The administrator, with {@code adminPassword} or, when none is configured, the check of the
   * generated one; and each other account that has a password. Names must differ.
   */
  static UserDirectory of(
      String adminUser,
      Optional<String> adminPassword,
      Predicate<char[]> generatedAdminPassword,
      List<Account> others) {
    List<User> users = new ArrayList<>();
    users.add(
        new User(
            adminUser,
            Role.ADMIN,
            adminPassword
                .<Predicate<char[]>>map(UserDirectory::equalTo)
                .orElse(generatedAdminPassword)));
    for (Account account : others) {
      if (account.password().isEmpty()) {
        continue;
      }
      if (users.stream().anyMatch(user -> user.name().equals(account.name()))) {
        throw new IllegalArgumentException(
            account.prefix()
                + ".user must differ from the other users' names ("
                + account.name()
                + ")");
      }
      users.add(new User(account.name(), account.role(), equalTo(account.password().get())));
    }
    return new UserDirectory(users);
  }

  /** The user named {@code name} if {@code password} is theirs. */
  Optional<User> authenticate(String name, char[] password) {
    return find(name).filter(user -> user.password().test(password));
  }

  /** The user named {@code name}, if configured. */
  Optional<User> find(String name) {
    return users.stream().filter(user -> user.name().equals(name)).findFirst();
  }

  /** Every configured user. */
  List<User> all() {
    return users;
  }

  private static Predicate<char[]> equalTo(String expected) {
    return given -> PasswordHash.equalsConstantTime(given, expected);
  }
}
