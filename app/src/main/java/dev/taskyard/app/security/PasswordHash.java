package dev.taskyard.app.security;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashing and comparison. Stored hashes are PBKDF2-HMAC-SHA256 with a random salt, as
 * {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} (Base64); comparisons take the same time
 * whatever the inputs, so a response time tells an attacker nothing about how close a guess was.
 */
public final class PasswordHash {
  static final int ITERATIONS = 210_000;
  private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
  private static final String PREFIX = "pbkdf2-sha256";
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;
  private static final char[] ALPHABET =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private PasswordHash() {}

  /** A new salted hash of {@code password}. */
  public static String hash(char[] password) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
    return String.join(
        "$",
        PREFIX,
        Integer.toString(ITERATIONS),
        base64.encodeToString(salt),
        base64.encodeToString(pbkdf2(password, salt, ITERATIONS)));
  }

  /** Whether {@code password} is the one {@code encoded} (from {@link #hash}) was made from. */
  public static boolean matches(char[] password, String encoded) {
    String[] parts = encoded.split("\\$");
    if (parts.length != 4 || !parts[0].equals(PREFIX)) {
      throw new IllegalArgumentException("Not a " + PREFIX + " hash");
    }
    Base64.Decoder base64 = Base64.getDecoder();
    byte[] expected = base64.decode(parts[3]);
    byte[] actual = pbkdf2(password, base64.decode(parts[2]), Integer.parseInt(parts[1]));
    return MessageDigest.isEqual(expected, actual);
  }

  /** Compares two secrets in time that depends on neither (both are digested first). */
  public static boolean equalsConstantTime(char[] given, String expected) {
    return MessageDigest.isEqual(sha256(given), sha256(expected.toCharArray()));
  }

  /** A random password of {@code length} unambiguous letters and digits. */
  public static char[] generate(int length) {
    char[] password = new char[length];
    for (int i = 0; i < length; i++) {
      password[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return password;
  }

  static byte[] sha256(char[] secret) {
    ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(secret));
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(bytes);
      return digest.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    } finally {
      Arrays.fill(bytes.array(), (byte) 0);
    }
  }

  private static byte[] pbkdf2(char[] password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
    try {
      return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Every JDK has " + ALGORITHM, e);
    } finally {
      spec.clearPassword();
    }
  }
}
