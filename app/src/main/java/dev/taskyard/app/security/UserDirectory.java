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

  private final List<User> users;

  private UserDirectory(List<User> users) {
    this.users = List.copyOf(users);
  }

  /**
   * The administrator, with {@code adminPassword} or, when none is configured, the check of the
   * generated one; and a viewer when a viewer password is configured.
   */
  static UserDirectory of(
      String adminUser,
      Optional<String> adminPassword,
      Predicate<char[]> generatedAdminPassword,
      String viewerUser,
      Optional<String> viewerPassword) {
    List<User> users = new ArrayList<>();
    users.add(
        new User(
            adminUser,
            Roles.ADMIN_GROUPS,
            adminPassword
                .<Predicate<char[]>>map(UserDirectory::equalTo)
                .orElse(generatedAdminPassword)));
    viewerPassword.ifPresent(
        password -> {
          if (viewerUser.equals(adminUser)) {
            throw new IllegalArgumentException(
                "taskyard.viewer.user must differ from taskyard.admin.user (" + adminUser + ")");
          }
          users.add(new User(viewerUser, Roles.VIEWER_GROUPS, equalTo(password)));
        });
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
