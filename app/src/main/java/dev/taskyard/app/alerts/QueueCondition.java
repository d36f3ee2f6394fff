package dev.taskyard.app.alerts;

/**
 * A condition breached now, of one queue or of one worker node, with the facts needed to act on it.
 *
 * @param queue the queue it concerns; null for a node's condition
 * @param node the worker node it concerns; null for a queue's condition
 * @param severity how urgent: its kind's, unless the facts make it more so
 * @param value what was measured
 * @param threshold the limit it crossed
 * @param message one sentence for a person: what, how much, against which limit
 */
public record QueueCondition(
    String queue,
    String node,
    AlertKind kind,
    AlertKind.Severity severity,
    double value,
    double threshold,
    String message) {

  /** A queue's condition, as urgent as its kind. */
  public QueueCondition(
      String queue, AlertKind kind, double value, double threshold, String message) {
    this(queue, null, kind, kind.severity(), value, threshold, message);
  }
}
