package dev.taskyard.core;

/**
 * Engine-wide options.
 *
 * @param maxPayloadBytes largest payload (and handler result) accepted, in UTF-8 bytes
 */
public record TaskyardOptions(int maxPayloadBytes) {
  public static final int DEFAULT_MAX_PAYLOAD_BYTES = 1024 * 1024;

  public TaskyardOptions {
    if (maxPayloadBytes < 1) {
      throw new InvalidInputException("maxPayloadBytes", "must be at least 1");
    }
  }

  public static TaskyardOptions defaults() {
    return new TaskyardOptions(DEFAULT_MAX_PAYLOAD_BYTES);
  }
}
