package dev.taskyard.exporter;

import com.sun.net.httpserver.BasicAuthenticator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** HTTP Basic authentication with one user, compared in constant time. */
final class MetricsAuthenticator extends BasicAuthenticator {
  private final byte[] user;
  private final byte[] password;

  MetricsAuthenticator(ExporterOptions.Credentials credentials) {
    super("taskyard-exporter");
    this.user = credentials.user().getBytes(StandardCharsets.UTF_8);
    this.password = credentials.password().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public boolean checkCredentials(String givenUser, String givenPassword) {
    // Both compared always, so the time taken does not tell which one was wrong.
    boolean userMatches = MessageDigest.isEqual(user, givenUser.getBytes(StandardCharsets.UTF_8));
    boolean passwordMatches =
        MessageDigest.isEqual(password, givenPassword.getBytes(StandardCharsets.UTF_8));
    return userMatches & passwordMatches;
  }
}
