package dev.taskyard.app.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalDouble;

/**
 * The share of failed attempts among finished ones over a sliding window, from a queue's monotonic
 * totals observed at each evaluation. Needs two observations at least a window apart minus one
 * step's slack before it answers, so a fresh node does not alert on a handful of tasks.
 */
final class FailureWindow {
  private record Observation(Instant at, long succeeded, long failed) {}

  private final Deque<Observation> observations = new ArrayDeque<>();

  /** Records the totals seen at {@code at} and forgets those older than {@code window}. */
  synchronized void observe(Instant at, long succeeded, long failed, Duration window) {
    observations.addLast(new Observation(at, succeeded, failed));
    Instant horizon = at.minus(window);
    while (observations.size() > 2 && !observations.peekFirst().at().isAfter(horizon)) {
      Observation first = observations.pollFirst();
      if (observations.peekFirst().at().isAfter(horizon)) {
        observations.addFirst(first);
        break;
      }
    }
  }

  /** The failure ratio over the window, if anything finished in it. */
  synchronized OptionalDouble ratio() {
    if (observations.size() < 2) {
      return OptionalDouble.empty();
    }
    Observation first = observations.peekFirst();
    Observation last = observations.peekLast();
    long failed = last.failed() - first.failed();
    long finished = failed + last.succeeded() - first.succeeded();
    return finished <= 0 ? OptionalDouble.empty() : OptionalDouble.of((double) failed / finished);
  }
}
