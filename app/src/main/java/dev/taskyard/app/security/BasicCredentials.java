package dev.taskyard.app.security;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * The user and password of an {@code Authorization: Basic} header (RFC 7617), or nothing when the
 * header is not one: not Basic, not Base64, not UTF-8, without a colon, or with an empty user or
 * password. A malformed header is a failed login, never an error of the server.
 */
record BasicCredentials(String user, char[] password) {
  private static final String SCHEME = "basic ";

  static Optional<BasicCredentials> parse(String header) {
    if (header == null
        || header.length() <= SCHEME.length()
        || !header.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
      return Optional.empty();
    }
    String decoded;
    try {
      byte[] bytes = Base64.getDecoder().decode(header.substring(SCHEME.length()).trim());
      decoded =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (IllegalArgumentException | CharacterCodingException e) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    if (colon < 1 || colon == decoded.length() - 1) {
      return Optional.empty();
    }
    return Optional.of(
        new BasicCredentials(
            decoded.substring(0, colon), decoded.substring(colon + 1).toCharArray()));
  }
}
