package dev.taskyard.core.encryption;

import dev.taskyard.core.InvalidInputException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys that seal payloads and results: new values are sealed with {@code activeId}, and any
 * listed key opens the values sealed with it. Rotation: add a new key, make it active, and keep the
 * old one listed for as long as values sealed with it may still be read.
 */
public final class EncryptionKeys {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
  private static final int KEY_BYTES = 32;

  private final String activeId;
  private final Map<String, SecretKey> keys;

  private EncryptionKeys(String activeId, Map<String, SecretKey> keys) {
    this.activeId = activeId;
    this.keys = Map.copyOf(keys);
  }

  /**
   * Reads keys written as {@code id=base64,id=base64} (each a 256-bit AES key, standard Base64);
   * the active key is {@code activeId}, or the first listed when that is blank.
   *
   * @throws InvalidInputException naming {@code keys} or {@code activeId}, never quoting a key
   */
  public static EncryptionKeys parse(String spec, String activeId) {
    Map<String, SecretKey> keys = new LinkedHashMap<>();
    for (String entry : spec.split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      int eq = entry.indexOf('=');
      String id = eq < 0 ? "" : entry.substring(0, eq).trim();
      if (!ID.matcher(id).matches()) {
        throw new InvalidInputException(
            "keys", "each key must be written id=base64, the id 1-32 letters, digits, _ or -");
      }
      byte[] material;
      try {
        material = Base64.getDecoder().decode(entry.substring(eq + 1).trim());
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException("keys", "key '" + id + "' is not Base64");
      }
      if (material.length != KEY_BYTES) {
        throw new InvalidInputException(
            "keys", "key '" + id + "' must be " + KEY_BYTES + " bytes (AES-256)");
      }
      if (keys.put(id, new SecretKeySpec(material, "AES")) != null) {
        throw new InvalidInputException("keys", "key '" + id + "' is listed twice");
      }
    }
    if (keys.isEmpty()) {
      throw new InvalidInputException("keys", "must list at least one key");
    }
    String active =
        activeId == null || activeId.isBlank() ? keys.keySet().iterator().next() : activeId.trim();
    if (!keys.containsKey(active)) {
      throw new InvalidInputException("activeId", "names no listed key: " + active);
    }
    return new EncryptionKeys(active, keys);
  }

  /** The id of the key that seals new values. */
  public String activeId() {
    return activeId;
  }

  SecretKey active() {
    return keys.get(activeId);
  }

  SecretKey get(String id) {
    return keys.get(id);
  }

  @Override
  public String toString() {
    return "EncryptionKeys" + keys.keySet() + ", active " + activeId; // never the material
  }
}
