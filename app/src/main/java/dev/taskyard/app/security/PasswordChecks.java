package dev.taskyard.app.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks passwords against stored PBKDF2 hashes, remembering each hash's last matching password.
 * PBKDF2 is slow by design and HTTP Basic sends the password with every request, so only a new or
 * wrong password pays for it. What is remembered is an HMAC of the password under a key made at
 * start and never stored, keyed by the hash: a changed password has a new hash, so an old match can
 * never let it in.
 */
@ApplicationScoped
public class PasswordChecks {
  /** Above this many remembered hashes, all are forgotten: they are a cache, not a record. */
  private static final int MAX_REMEMBERED = 10_000;

  private static final String MAC = "HmacSHA256";

  private final SecretKeySpec key;
  private final Map<String, byte[]> matched = new ConcurrentHashMap<>();

  public PasswordChecks() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    key = new SecretKeySpec(secret, MAC);
  }

  /**
   * Whether {@code password} is the one {@code encoded} ({@link PasswordHash#hash}) was made from.
   */
  public boolean matches(char[] password, String encoded) {
    byte[] mac = mac(password);
    byte[] remembered = matched.get(encoded);
    if (remembered != null && MessageDigest.isEqual(remembered, mac)) {
      return true;
    }
    if (!PasswordHash.matches(password, encoded)) {
      return false;
    }
    if (matched.size() >= MAX_REMEMBERED) {
      matched.clear();
    }
    matched.put(encoded, mac);
    return true;
  }

  private byte[] mac(char[] password) {
    ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
    try {
      Mac mac = Mac.getInstance(MAC);
      mac.init(key);
      mac.update(bytes);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Every JDK has " + MAC, e);
    } finally {
      Arrays.fill(bytes.array(), (byte) 0);
    }
  }
}
