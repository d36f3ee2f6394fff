package dev.taskyard.app.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.sql.SQLException;

/**
 * Checks a user name and password against {@link UserAccounts}; the groups of a valid user are
 * those of their role. Throws {@link UserDirectoryUnavailableException} when the user could only be
 * found in PostgreSQL and PostgreSQL did not answer: that is not a wrong password.
 */
@ApplicationScoped
public class TaskyardIdentityStore implements IdentityStore {

  @Inject UserAccounts accounts;

  public CredentialValidationResult validate(UsernamePasswordCredential credential) {
    try {
      return accounts
          .authenticate(credential.getCaller(), credential.getPassword().getValue())
          .map(caller -> new CredentialValidationResult(caller.name(), caller.role().groups()))
          .orElse(CredentialValidationResult.INVALID_RESULT);
    } catch (SQLException e) {
      throw new UserDirectoryUnavailableException(e);
    }
  }
}
