package dev.taskyard.app.security;

import dev.taskyard.app.audit.ConsoleAudit;
import dev.taskyard.app.platform.ConsoleActions;
import dev.taskyard.app.platform.Role;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The console's users page ({@code console/users/list.xhtml}), for administrators. */
@Named
@ViewScoped
public class UserListView implements Serializable {
  private static final long serialVersionUID = 1L;

  @Inject transient UserAccounts accounts;
  @Inject transient ConsoleAudit audit;

  private List<UserAccounts.Account> users;
  private String name;
  private String password;
  private String role = Role.VIEWER.id();
  private String resetFor;
  private String newPassword;

  public List<UserAccounts.Account> getUsers() {
    if (users == null) {
      ConsoleActions.run(() -> users = accounts.accounts(), null);
    }
    return users == null ? List.of() : users;
  }

  public List<String> getRoles() {
    return Arrays.stream(Role.values()).map(Role::id).toList();
  }

  public void create() {
    char[] secret = chars(password);
    password = null;
    String user = name;
    if (audit.run(
        "user.create",
        user,
        () ->
            new ConsoleAudit.Change(
                null, UserView.of(accounts.create(user, secret, Role.parse("role", role)))),
        "User " + user + " added.")) {
      name = null;
      users = null;
    }
    Arrays.fill(secret, '\0');
  }

  public void changeRole(String user, String newRole) {
    change(user, Optional.of(newRole), Optional.empty(), user + " is now " + newRole + ".");
  }

  public void setEnabled(String user, boolean enabled) {
    change(
        user,
        Optional.empty(),
        Optional.of(enabled),
        user + (enabled ? " may sign in again." : " is disabled."));
  }

  public void delete(String user) {
    if (audit.run(
        "user.delete",
        user,
        () -> new ConsoleAudit.Change(UserView.of(accounts.delete(user)), null),
        user + " deleted, with their API tokens.")) {
      users = null;
    }
  }

  public void resetPassword() {
    char[] secret = chars(newPassword);
    newPassword = null;
    String user = resetFor;
    audit.run(
        "user.password",
        user,
        () -> {
          accounts.resetPassword(user, secret);
          return ConsoleAudit.Change.NONE;
        },
        "New password set for " + user + ".");
    Arrays.fill(secret, '\0');
  }

  private void change(
      String user, Optional<String> newRole, Optional<Boolean> enabled, String done) {
    if (audit.run(
        "user.change",
        user,
        () -> {
          UserAccounts.Account before =
              accounts.change(user, newRole.map(r -> Role.parse("role", r)), enabled);
          return new ConsoleAudit.Change(UserView.of(before), UserView.of(accounts.account(user)));
        },
        done)) {
      users = null;
    }
  }

  private static char[] chars(String value) {
    return value == null ? new char[0] : value.toCharArray();
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
  }

  public String getRole() {
    return role;
  }

  public void setRole(String role) {
    this.role = role;
  }

  public String getResetFor() {
    return resetFor;
  }

  public void setResetFor(String resetFor) {
    this.resetFor = resetFor;
  }

  public String getNewPassword() {
    return newPassword;
  }

  public void setNewPassword(String newPassword) {
    this.newPassword = newPassword;
  }
}
