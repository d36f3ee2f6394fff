package dev.taskyard.app.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The users from MicroProfile Config: the administrator ({@code taskyard.admin.user} and {@code
 * taskyard.admin.password}, or a password generated once for the whole cluster when none is set)
 * with groups admin, operator and viewer; optionally an operator ({@code taskyard.operator.*}: may
 * act, not administer) and a viewer ({@code taskyard.viewer.*}: may only read).
 */
@ApplicationScoped
public class TaskyardIdentityStore implements IdentityStore {

  @Inject
  @ConfigProperty(name = "taskyard.admin.user", defaultValue = "admin")
  String adminUser;

  @Inject
  @ConfigProperty(name = "taskyard.admin.password")
  Optional<String> adminPassword;

  @Inject
  @ConfigProperty(name = "taskyard.operator.user", defaultValue = "operator")
  String operatorUser;

  @Inject
  @ConfigProperty(name = "taskyard.operator.password")
  Optional<String> operatorPassword;

  @Inject
  @ConfigProperty(name = "taskyard.viewer.user", defaultValue = "viewer")
  String viewerUser;

  @Inject
  @ConfigProperty(name = "taskyard.viewer.password")
  Optional<String> viewerPassword;

  @Inject GeneratedAdminPassword generatedAdminPassword;

  private UserDirectory users;

  @PostConstruct
  void init() {
    users =
        UserDirectory.of(
            adminUser,
            adminPassword,
            generatedAdminPassword::matches,
            List.of(
                new UserDirectory.Account(
                    "taskyard.operator", operatorUser, Roles.OPERATOR_GROUPS, operatorPassword),
                new UserDirectory.Account(
                    "taskyard.viewer", viewerUser, Roles.VIEWER_GROUPS, viewerPassword)));
  }

  public CredentialValidationResult validate(UsernamePasswordCredential credential) {
    return users
        .authenticate(credential.getCaller(), credential.getPassword().getValue())
        .map(user -> new CredentialValidationResult(user.name(), user.groups()))
        .orElse(CredentialValidationResult.INVALID_RESULT);
  }
}
