package dev.taskyard.core;

import dev.taskyard.core.encryption.EncryptionKeys;
import dev.taskyard.core.redis.Durability;
import java.util.Optional;

/**
 * Engine-wide options.
 *
 * @param maxPayloadBytes largest payload (and handler result) accepted, in UTF-8 bytes
 * @param encryption the keys that seal payloads and results in Redis; empty keeps them plain
 * @param durability what a submit's acknowledgement means ({@link Durability#ASYNC} by default)
 */
public record TaskyardOptions(
    int maxPayloadBytes, Optional<EncryptionKeys> encryption, Durability durability) {
  public static final int DEFAULT_MAX_PAYLOAD_BYTES = 1024 * 1024;

  public TaskyardOptions {
    if (maxPayloadBytes < 1) {
      throw new InvalidInputException("maxPayloadBytes", "must be at least 1");
    }
  }

  public TaskyardOptions(int maxPayloadBytes) {
    this(maxPayloadBytes, Optional.empty(), Durability.ASYNC);
  }

  public static TaskyardOptions defaults() {
    return new TaskyardOptions(DEFAULT_MAX_PAYLOAD_BYTES);
  }

  /** These options with payloads and results sealed by {@code keys}. */
  public TaskyardOptions withEncryption(EncryptionKeys keys) {
    return new TaskyardOptions(maxPayloadBytes, Optional.of(keys), durability);
  }

  /** These options with submits acknowledged at {@code durability}. */
  public TaskyardOptions withDurability(Durability durability) {
    return new TaskyardOptions(maxPayloadBytes, encryption, durability);
  }
}
