package dev.taskyard.app.security;

import dev.taskyard.app.audit.ConsoleAudit;
import dev.taskyard.app.platform.ConsoleActions;
import dev.taskyard.app.platform.Role;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The console's API tokens page ({@code console/tokens/list.xhtml}): the signed-in person's own
 * tokens. A new token's secret is shown once, on the page that made it.
 */
@Named
@ViewScoped
public class TokenListView implements Serializable {
  private static final long serialVersionUID = 1L;

  @Inject transient PersonalTokens tokens;
  @Inject transient ConsoleAudit audit;

  private List<ApiToken> list;
  private String name;
  private String role;
  private Integer expiresInDays;
  private String secret;

  public List<ApiToken> getTokens() {
    if (list == null) {
      ConsoleActions.run(() -> list = tokens.of(caller().name()), null);
    }
    return list == null ? List.of() : list;
  }

  public List<String> getRoles() {
    Role mine = caller().role();
    return Arrays.stream(Role.values()).filter(r -> r.atMost(mine) == r).map(Role::id).toList();
  }

  public void create() {
    String tokenName = name;
    UserAccounts.Caller owner = caller();
    if (audit.run(
        "token.create",
        owner.name() + "/" + tokenName,
        () -> {
          ApiTokens.Issued issued =
              tokens.issue(
                  owner,
                  tokenName,
                  Optional.ofNullable(role).map(r -> Role.parse("role", r)),
                  Optional.ofNullable(expiresInDays));
          secret = issued.secret();
          // Never the secret: the log is read by others.
          return new ConsoleAudit.Change(null, TokenView.of(issued.token()));
        },
        "Token " + tokenName + " made: copy its secret now, it is not shown again.")) {
      name = null;
      list = null;
    }
  }

  public void revoke(long id) {
    String owner = caller().name();
    if (audit.run(
        "token.revoke",
        owner + "/" + id,
        () -> {
          tokens.revoke(owner, id);
          return ConsoleAudit.Change.NONE;
        },
        "Token revoked.")) {
      list = null;
    }
  }

  private static UserAccounts.Caller caller() {
    var external = FacesContext.getCurrentInstance().getExternalContext();
    return new UserAccounts.Caller(
        external.getUserPrincipal().getName(), Role.highest(external::isUserInRole));
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getRole() {
    return role;
  }

  public void setRole(String role) {
    this.role = role;
  }

  public Integer getExpiresInDays() {
    return expiresInDays;
  }

  public void setExpiresInDays(Integer expiresInDays) {
    this.expiresInDays = expiresInDays;
  }

  /** The secret of the token just made; null once the page is left. */
  public String getSecret() {
    return secret;
  }
}
