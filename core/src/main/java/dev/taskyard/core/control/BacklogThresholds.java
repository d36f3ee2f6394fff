package dev.taskyard.core.control;

import dev.taskyard.core.InvalidInputException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * When a queue's backlog is unhealthy. Stored with the queue's settings so that the app's health
 * checks, the exporter (which publishes them as gauges) and the alert rules all use the same
 * numbers. Zero means "no limit" for each.
 *
 * @param maxQueued most tasks queued before the backlog counts as too long
 * @param maxOldestAge longest the oldest queued task may wait
 * @param maxFailureRatio highest share of failed attempts among finished ones, over the window
 * @param failureWindow the window the failure ratio is measured over
 */
public record BacklogThresholds(
    long maxQueued, Duration maxOldestAge, double maxFailureRatio, Duration failureWindow) {

  public static final BacklogThresholds NONE =
      new BacklogThresholds(0, Duration.ZERO, 0, Duration.ofMinutes(5));

  public BacklogThresholds {
    if (maxQueued < 0) {
      throw new InvalidInputException("thresholds.maxQueued", "must be 0 (none) or more");
    }
    QueueSettings.checkDuration("thresholds.maxOldestAge", maxOldestAge, Duration.ZERO);
    if (!(maxFailureRatio >= 0 && maxFailureRatio <= 1)) {
      throw new InvalidInputException("thresholds.maxFailureRatio", "must be between 0 and 1");
    }
    QueueSettings.checkDuration("thresholds.failureWindow", failureWindow, Duration.ofMinutes(1));
  }

  Map<String, String> toHash() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("alertMaxQueued", Long.toString(maxQueued));
    h.put("alertMaxOldestAgeMs", Long.toString(maxOldestAge.toMillis()));
    h.put("alertMaxFailureRatio", Double.toString(maxFailureRatio));
    h.put("alertFailureWindowMs", Long.toString(failureWindow.toMillis()));
    return h;
  }

  /** Reads the thresholds from a config hash; a queue created before they existed has none. */
  static BacklogThresholds fromHash(Map<String, String> h) {
    if (!h.containsKey("alertMaxQueued")) {
      return NONE;
    }
    return new BacklogThresholds(
        Long.parseLong(h.get("alertMaxQueued")),
        Duration.ofMillis(Long.parseLong(h.get("alertMaxOldestAgeMs"))),
        Double.parseDouble(h.get("alertMaxFailureRatio")),
        Duration.ofMillis(Long.parseLong(h.get("alertFailureWindowMs"))));
  }
}
