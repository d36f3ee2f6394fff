package dev.taskyard.app.history;

import java.time.Instant;
import java.util.Map;

/**
 * A stream entry set aside by the archiver: where it was, its fields exactly as they were, why it
 * could not be archived and after how many tries.
 */
public record QuarantinedEntry(
    String queue,
    String streamId,
    Map<String, String> fields,
    String error,
    int attempts,
    Instant quarantinedAt) {}
