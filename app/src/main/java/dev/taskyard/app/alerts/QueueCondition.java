package dev.taskyard.app.alerts;

/**
 * A threshold of one queue breached now, with the facts needed to act on it.
 *
 * @param value what was measured
 * @param threshold the limit it crossed
 * @param message one sentence for a person: what, how much, against which limit
 */
public record QueueCondition(
    String queue, AlertKind kind, double value, double threshold, String message) {}
