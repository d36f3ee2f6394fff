package dev.taskyard.app.security;

import dev.taskyard.app.platform.Problem;
import dev.taskyard.app.platform.ProblemException;
import dev.taskyard.app.platform.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.SecurityContext;

/** Who calls the API, for the resources that act on their own account. */
final class ApiCaller {
  private ApiCaller() {}

  static UserAccounts.Caller of(SecurityContext security) {
    return new UserAccounts.Caller(
        security.getUserPrincipal().getName(), Role.highest(security::isUserInRole));
  }

  /** Refuses a caller authenticated by an API token: managing accounts needs a password. */
  static void requirePassword(HttpServletRequest request) {
    if (request.getAttribute(TaskyardAuthentication.VIA_TOKEN) != null) {
      throw new ProblemException(
          Problem.of(403, "Password required")
              .detail("API tokens cannot manage users or tokens; sign in with a password."));
    }
  }
}
