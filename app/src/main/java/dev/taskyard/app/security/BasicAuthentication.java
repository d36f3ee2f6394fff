package dev.taskyard.app.security;

import dev.taskyard.app.platform.Problem;
import dev.taskyard.app.platform.SecurityHeadersFilter;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * HTTP Basic authentication (RFC 7617) against the identity store, in place of the container's
 * built-in mechanism, which answers a malformed header with 500 and checks passwords without limit.
 * A header that is not valid Basic credentials is a failed login (401); failed logins are throttled
 * per client address and per user ({@link LoginThrottle}): 429 with {@code Retry-After}, without
 * checking the password, until the window ends.
 */
@ApplicationScoped
public class BasicAuthentication implements HttpAuthenticationMechanism {
  static final String CHALLENGE = "Basic realm=\"taskyard\"";

  @Inject IdentityStoreHandler identityStores;

  @Inject
  @ConfigProperty(name = "taskyard.security.login-failures-per-client", defaultValue = "10")
  int clientLimit;

  @Inject
  @ConfigProperty(name = "taskyard.security.login-failures-per-user", defaultValue = "20")
  int userLimit;

  @Inject
  @ConfigProperty(name = "taskyard.security.login-throttle-seconds", defaultValue = "60")
  long windowSeconds;

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
    String header = request.getHeader("Authorization");
    Optional<BasicCredentials> credentials =
        header == null ? Optional.empty() : BasicCredentials.parse(header);
    if (credentials.isEmpty()) {
      return refuse(response, context);
    }
    String client = request.getRemoteAddr();
    String user = credentials.get().user();
    Optional<Duration> refused = throttle.refusedFor(client, user);
    if (refused.isPresent()) {
      return context.isProtected() ? tooManyFailures(response, refused.get()) : context.doNothing();
    }
    char[] password = credentials.get().password();
    try {
      CredentialValidationResult result =
          identityStores.validate(new UsernamePasswordCredential(user, new Password(password)));
      if (result.getStatus() == CredentialValidationResult.Status.VALID) {
        return context.notifyContainerAboutLogin(result);
      }
    } finally {
      Arrays.fill(password, '\0');
    }
    throttle.failed(client, user);
    return refuse(response, context);
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

  /** Answers 429 here: the container's error pages know nothing of {@code Retry-After}. */
  private static AuthenticationStatus tooManyFailures(HttpServletResponse response, Duration wait) {
    try {
      SecurityHeadersFilter.apply(response);
      Problem.of(429, "Too many failed logins")
          .detail("Too many failed logins from this client or as this user; try again later.")
          .retryAfter(wait)
          .send(response);
      response.flushBuffer();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return AuthenticationStatus.SEND_FAILURE;
  }
}
