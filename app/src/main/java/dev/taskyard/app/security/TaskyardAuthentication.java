package dev.taskyard.app.security;

import dev.taskyard.app.platform.OutageLog;
import dev.taskyard.app.platform.Problem;
import dev.taskyard.app.platform.Role;
import dev.taskyard.app.platform.SecurityHeadersFilter;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The application's one authentication mechanism (Jakarta Security allows one), choosing by path.
 *
 * <ul>
 *   <li>The API ({@code /api/...}): HTTP Basic (RFC 7617) or a personal API token ({@code
 *       Authorization: Bearer ty_...}), on every request; never the console's session, so another
 *       site cannot make a signed-in browser call the API.
 *   <li>The console: a form sign-in ({@link SignInView} calls {@code SecurityContext.authenticate})
 *       that opens an HTTP session with a new id; every later request of that session signs the
 *       user in again from {@link UserAccounts}. A protected page without one redirects to the
 *       sign-in page.
 * </ul>
 *
 * Replaces the container's Basic mechanism, which answers a malformed header with 500 and checks
 * passwords without limit: here a malformed header is a failed login (401), and failed logins are
 * throttled per client address and per user ({@link LoginThrottle}).
 */
@ApplicationScoped
public class TaskyardAuthentication implements HttpAuthenticationMechanism {
  static final String CHALLENGE = "Basic realm=\"taskyard\"";
  static final String BEARER = "bearer ";

  /** Set on a request authenticated by an API token, which may not manage tokens or users. */
  public static final String VIA_TOKEN = TaskyardAuthentication.class.getName() + ".token";

  /** Set on a failed form sign-in: a {@link SignInView.Refusal}. */
  static final String REFUSAL = TaskyardAuthentication.class.getName() + ".refusal";

  private static final Logger LOG = Logger.getLogger(TaskyardAuthentication.class.getName());

  @Inject IdentityStoreHandler identityStores;
  @Inject UserAccounts accounts;

  @Inject
  @ConfigProperty(name = "taskyard.security.login-failures-per-client", defaultValue = "10")
  int clientLimit;

  @Inject
  @ConfigProperty(name = "taskyard.security.login-failures-per-user", defaultValue = "20")
  int userLimit;

  @Inject
  @ConfigProperty(name = "taskyard.security.login-throttle-seconds", defaultValue = "60")
  long windowSeconds;

  @Inject
  @ConfigProperty(name = "taskyard.console.session-minutes", defaultValue = "30")
  int sessionMinutes;

  private LoginThrottle throttle;

  @PostConstruct
  void init() {
    throttle =
        new LoginThrottle(
            clientLimit, userLimit, Duration.ofSeconds(windowSeconds), Clock.systemUTC());
  }

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.equals("/api") || path.startsWith("/api/")) {
      return api(request, response, context);
    }
    if (context.isAuthenticationRequest()) {
      return signIn(request, context);
    }
    return console(request, response, context);
  }

  @Override
  public void cleanSubject(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.invalidate();
    }
    HttpAuthenticationMechanism.super.cleanSubject(request, response, context);
  }

  private AuthenticationStatus api(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    String header = request.getHeader("Authorization");
    if (header != null
        && header.length() > BEARER.length()
        && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return token(header.substring(BEARER.length()).trim(), request, response, context);
    }
    Optional<BasicCredentials> credentials =
        header == null ? Optional.empty() : BasicCredentials.parse(header);
    if (credentials.isEmpty()) {
      return refuse(response, context);
    }
    String client = request.getRemoteAddr();
    String user = credentials.get().user();
    Optional<Duration> refused = throttle.refusedFor(client, user);
    if (refused.isPresent()) {
      return context.isProtected()
          ? sendProblem(response, tooManyFailures(refused.get()))
          : context.doNothing();
    }
    char[] password = credentials.get().password();
    try {
      CredentialValidationResult result =
          identityStores.validate(new UsernamePasswordCredential(user, new Password(password)));
      if (result.getStatus() == CredentialValidationResult.Status.VALID) {
        return context.notifyContainerAboutLogin(result);
      }
    } catch (UserDirectoryUnavailableException e) {
      return directoryUnavailable(response, context, e);
    } finally {
      Arrays.fill(password, '\0');
    }
    throttle.failed(client, user);
    return refuse(response, context);
  }

  private AuthenticationStatus token(
      String secret,
      HttpServletRequest request,
      HttpServletResponse response,
      HttpMessageContext context) {
    if (!secret.startsWith(ApiTokens.PREFIX)) {
      return refuse(response, context);
    }
    try {
      Optional<UserAccounts.Caller> caller = accounts.byToken(secret);
      if (caller.isEmpty()) {
        return refuse(response, context);
      }
      request.setAttribute(VIA_TOKEN, Boolean.TRUE);
      return context.notifyContainerAboutLogin(caller.get().name(), caller.get().role().groups());
    } catch (SQLException | RuntimeException e) {
      return directoryUnavailable(response, context, e);
    }
  }

  /** A form sign-in, asked for by {@link SignInView}; the outcome waits for it in the request. */
  private AuthenticationStatus signIn(HttpServletRequest request, HttpMessageContext context) {
    Credential credential = context.getAuthParameters().getCredential();
    if (!(credential instanceof UsernamePasswordCredential given)) {
      return context.doNothing();
    }
    String client = request.getRemoteAddr();
    Optional<Duration> refused = throttle.refusedFor(client, given.getCaller());
    if (refused.isPresent()) {
      return failSignIn(request, SignInView.Refusal.tooManyFailures(refused.get()));
    }
    CredentialValidationResult result;
    try {
      result = identityStores.validate(given);
    } catch (UserDirectoryUnavailableException e) {
      OutageLog.warning(LOG, "Sign-in refused: the user directory is unavailable", e);
      return failSignIn(request, SignInView.Refusal.DIRECTORY_UNAVAILABLE);
    }
    if (result.getStatus() != CredentialValidationResult.Status.VALID) {
      throttle.failed(client, given.getCaller());
      return failSignIn(request, SignInView.Refusal.WRONG_CREDENTIALS);
    }
    HttpSession session = request.getSession();
    request.changeSessionId();
    session.setMaxInactiveInterval(sessionMinutes * 60);
    String name = result.getCallerPrincipal().getName();
    session.setAttribute(
        ConsoleSignIn.ATTRIBUTE,
        new ConsoleSignIn(name, Role.highest(result.getCallerGroups()::contains)));
    return context.notifyContainerAboutLogin(result);
  }

  private static AuthenticationStatus failSignIn(
      HttpServletRequest request, SignInView.Refusal refusal) {
    request.setAttribute(REFUSAL, refusal);
    return AuthenticationStatus.SEND_FAILURE;
  }

  /** A console request: signed in by its session, or sent to the sign-in page. */
  private AuthenticationStatus console(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    if (!context.isProtected()) {
      // Scripts, styles and the sign-in page need nobody: no user lookup for each of them.
      return context.doNothing();
    }
    HttpSession session = request.getSession(false);
    if (session != null
        && session.getAttribute(ConsoleSignIn.ATTRIBUTE) instanceof ConsoleSignIn signIn) {
      Optional<Role> role = currentRole(signIn);
      if (role.isPresent()) {
        return context.notifyContainerAboutLogin(signIn.name(), role.get().groups());
      }
      session.invalidate();
    }
    return SignInPage.sendTo(request, response);
  }

  /** The role of a signed-in user now; the one they signed in with while PostgreSQL is away. */
  private Optional<Role> currentRole(ConsoleSignIn signIn) {
    try {
      return accounts.current(signIn.name()).map(UserAccounts.Caller::role);
    } catch (SQLException | RuntimeException e) {
      OutageLog.warning(LOG, "User directory unavailable; the session keeps its role", e);
      return Optional.of(signIn.role());
    }
  }

  /** 401 with a challenge where credentials are needed; elsewhere the caller stays anonymous. */
  private static AuthenticationStatus refuse(
      HttpServletResponse response, HttpMessageContext context) {
    if (!context.isProtected()) {
      return context.doNothing();
    }
    response.setHeader("WWW-Authenticate", CHALLENGE);
    return context.responseUnauthorized();
  }

  private static AuthenticationStatus directoryUnavailable(
      HttpServletResponse response, HttpMessageContext context, Exception e) {
    OutageLog.warning(LOG, "Login not checked: the user directory is unavailable", e);
    if (!context.isProtected()) {
      return context.doNothing();
    }
    return sendProblem(
        response,
        Problem.of(503, "User directory unavailable")
            .detail(
                "Users and API tokens managed in the console are kept in PostgreSQL, which did"
                    + " not answer; try again later.")
            .retryAfter(Duration.ofSeconds(5)));
  }

  private static Problem tooManyFailures(Duration wait) {
    return Problem.of(429, "Too many failed logins")
        .detail("Too many failed logins from this client or as this user; try again later.")
        .retryAfter(wait);
  }

  /** Answers here: the container's error pages know nothing of {@code Retry-After}. */
  private static AuthenticationStatus sendProblem(HttpServletResponse response, Problem problem) {
    try {
      SecurityHeadersFilter.apply(response);
      problem.send(response);
      response.flushBuffer();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return AuthenticationStatus.SEND_FAILURE;
  }
}
