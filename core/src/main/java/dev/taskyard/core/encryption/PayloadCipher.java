package dev.taskyard.core.encryption;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals task payloads and results before they reach Redis, and opens them for handlers and readers.
 *
 * <p>A sealed value is text: {@code ty:sealed:v1:<keyId>:<base64url(salt | nonce | ciphertext |
 * tag)>}, which no JSON text can start with, so plain and sealed values can live side by side
 * (tasks written before encryption was turned on stay readable). Each value is sealed with
 * AES-256-GCM under its own key, HMAC-SHA256(master key, salt) for a random 16-byte salt: a random
 * 96-bit GCM nonce under one key is safe for only about 2^32 values, which a busy engine writes in
 * a day. The queue and the field ({@code payload}, {@code result}) are bound in as associated data,
 * so a value copied into another queue or field does not open.
 */
public final class PayloadCipher {
  /** The cipher of an engine without encryption: seals nothing, opens plain values as they are. */
  public static final PayloadCipher NONE = new PayloadCipher(Optional.empty());

  static final String PREFIX = "ty:sealed:v1:";
  private static final int SALT_BYTES = 16;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final byte[] KDF_LABEL = "taskyard-sealed-v1".getBytes(StandardCharsets.US_ASCII);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Optional<EncryptionKeys> keys;

  private PayloadCipher(Optional<EncryptionKeys> keys) {
    this.keys = keys;
  }

  public static PayloadCipher of(Optional<EncryptionKeys> keys) {
    return keys.isEmpty() ? NONE : new PayloadCipher(keys);
  }

  public boolean enabled() {
    return keys.isPresent();
  }

  /** Whether {@code value} is sealed (by any key). */
  public static boolean isSealed(String value) {
    return value != null && value.startsWith(PREFIX);
  }

  /** {@code plain} sealed with the active key, or as it is without encryption; null stays null. */
  public String seal(String queue, String field, String plain) {
    if (keys.isEmpty() || plain == null) {
      return plain;
    }
    byte[] out = new byte[SALT_BYTES + NONCE_BYTES];
    RANDOM.nextBytes(out);
    try {
      Cipher gcm = gcm(Cipher.ENCRYPT_MODE, keys.get().active(), out, queue, field);
      byte[] sealed = gcm.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      byte[] all = new byte[out.length + sealed.length];
      System.arraycopy(out, 0, all, 0, out.length);
      System.arraycopy(sealed, 0, all, out.length, sealed.length);
      return PREFIX
          + keys.get().activeId()
          + ":"
          + Base64.getUrlEncoder().withoutPadding().encodeToString(all);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JVM", e);
    }
  }

  /**
   * The plain text of {@code stored}: opened if sealed, as it is if not; null stays null.
   *
   * @throws UnreadableValueException if it is sealed with a key not configured here, or altered
   */
  public String open(String queue, String field, String stored) {
    if (!isSealed(stored)) {
      return stored;
    }
    int colon = stored.indexOf(':', PREFIX.length());
    String keyId = colon < 0 ? "" : stored.substring(PREFIX.length(), colon);
    SecretKey key = keys.map(k -> k.get(keyId)).orElse(null);
    if (key == null) {
      throw new UnreadableValueException(
          "The "
              + field
              + " is encrypted with key '"
              + keyId
              + "', which is not configured on this node");
    }
    try {
      byte[] all = Base64.getUrlDecoder().decode(stored.substring(colon + 1));
      if (all.length < SALT_BYTES + NONCE_BYTES + TAG_BITS / 8) {
        throw new UnreadableValueException("The " + field + " is not a whole sealed value");
      }
      Cipher gcm = gcm(Cipher.DECRYPT_MODE, key, all, queue, field);
      byte[] plain =
          gcm.doFinal(all, SALT_BYTES + NONCE_BYTES, all.length - SALT_BYTES - NONCE_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new UnreadableValueException(
          "The " + field + " sealed with key '" + keyId + "' does not open: it was altered");
    }
  }

  /**
   * For readers: the plain text of {@code stored}, or {@code stored} as it is (sealed, naming its
   * key) when it cannot be opened here, so one value sealed with a missing key never fails a list.
   */
  public String openOrKeep(String queue, String field, String stored) {
    try {
      return open(queue, field, stored);
    } catch (UnreadableValueException e) {
      return stored;
    }
  }

  /**
   * GCM under the value's own key, derived from {@code master} and the salt {@code head} opens
   * with.
   */
  private static Cipher gcm(int mode, SecretKey master, byte[] head, String queue, String field)
      throws GeneralSecurityException {
    Mac hmac = Mac.getInstance("HmacSHA256");
    hmac.init(master);
    hmac.update(KDF_LABEL);
    hmac.update(head, 0, SALT_BYTES);
    SecretKey valueKey = new SecretKeySpec(hmac.doFinal(), "AES");
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, valueKey, new GCMParameterSpec(TAG_BITS, head, SALT_BYTES, NONCE_BYTES));
    cipher.updateAAD((queue + "\n" + field).getBytes(StandardCharsets.UTF_8));
    return cipher;
  }
}
