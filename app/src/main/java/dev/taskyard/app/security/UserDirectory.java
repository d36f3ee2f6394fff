package dev.taskyard.app.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** The users a node accepts: their names, groups, and how each one's password is checked. */
final class UserDirectory {

  /** A user; {@code password} tells whether a given password is theirs. */
  record User(String name, Set<String> groups, Predicate<char[]> password) {}

  /**
   * A configured account besides the administrator, which exists only with a password.
   *
   * @param prefix its configuration prefix, for errors ({@code taskyard.viewer})
   */
  record Account(String prefix, String name, Set<String> groups, Optional<String> password) {}

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
            Roles.ADMIN_GROUPS,
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
      users.add(new User(account.name(), account.groups(), equalTo(account.password().get())));
    }
    return new UserDirectory(users);
  }

  /** The user named {@code name} if {@code password} is theirs. */
  Optional<User> authenticate(String name, char[] password) {
    return users.stream()
        .filter(user -> user.name().equals(name))
        .filter(user -> user.password().test(password))
        .findFirst();
  }

  private static Predicate<char[]> equalTo(String expected) {
    return given -> PasswordHash.equalsConstantTime(given, expected);
  }
}
