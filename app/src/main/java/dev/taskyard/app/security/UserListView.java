package dev.taskyard.app.security;

import dev.taskyard.app.platform.ConsoleActions;
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
    if (ConsoleActions.run(
        () -> accounts.create(name, secret, Role.parse("role", role)),
        "User " + name + " added.")) {
      name = null;
      users = null;
    }
    Arrays.fill(secret, '\0');
  }

  public void changeRole(String user, String newRole) {
    change(
        user,
        () -> accounts.change(user, Optional.of(Role.parse("role", newRole)), Optional.empty()),
        user + " is now " + newRole + ".");
  }

  public void setEnabled(String user, boolean enabled) {
    change(
        user,
        () -> accounts.change(user, Optional.empty(), Optional.of(enabled)),
        user + (enabled ? " may sign in again." : " is disabled."));
  }

  public void delete(String user) {
    change(user, () -> accounts.delete(user), user + " deleted, with their API tokens.");
  }

  public void resetPassword() {
    char[] secret = chars(newPassword);
    newPassword = null;
    String user = resetFor;
    ConsoleActions.run(
        () -> accounts.resetPassword(user, secret), "New password set for " + user + ".");
    Arrays.fill(secret, '\0');
  }

  private void change(String user, ConsoleActions.Action action, String done) {
    if (ConsoleActions.run(action, done)) {
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
