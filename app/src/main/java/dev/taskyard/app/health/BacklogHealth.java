package dev.taskyard.app.health;

import dev.taskyard.app.queues.QueueStore;
import dev.taskyard.app.tasks.KeyedCircuitBreaker;
import dev.taskyard.app.tasks.SubmitBreakers;
import dev.taskyard.core.control.BacklogThresholds;
import dev.taskyard.core.stats.QueueStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Each queue against its backlog thresholds ({@link BacklogThresholds}, 0 = none), in the
 * MicroProfile Health format: DOWN when the queue holds more than {@code maxQueued} tasks, its
 * oldest queued task waited longer than {@code maxOldestAge}, or its submit circuit is open. The
 * failure ratio threshold is shown, not judged: judging it needs the windowed history.
 */
@ApplicationScoped
public class BacklogHealth {

  @Inject QueueStore queues;
  @Inject SubmitBreakers breakers;

  public JsonObject check() {
    JsonArrayBuilder checks = Json.createArrayBuilder();
    boolean up = true;
    for (QueueStatus status : queues.statuses()) {
      BacklogThresholds t = queues.settings(status.queue()).thresholds();
      KeyedCircuitBreaker.Snapshot breaker = breakers.breaker().snapshot(status.queue());
      List<String> breached = breached(status, t, breaker.state());
      up &= breached.isEmpty();
      JsonObjectBuilder data =
          Json.createObjectBuilder()
              .add("queued", status.queued())
              .add("maxQueued", t.maxQueued())
              .add("oldestQueuedAgeMs", status.oldestQueuedAge().map(Duration::toMillis).orElse(0L))
              .add("maxOldestAgeMs", t.maxOldestAge().toMillis())
              .add("maxFailureRatio", t.maxFailureRatio())
              .add("paused", status.paused())
              .add("submitBreaker", breaker.state().name())
              .add("breached", String.join(",", breached));
      checks.add(
          Json.createObjectBuilder()
              .add("name", status.queue())
              .add("status", breached.isEmpty() ? "UP" : "DOWN")
              .add("data", data));
    }
    return Json.createObjectBuilder()
        .add("status", up ? "UP" : "DOWN")
        .add("checks", checks)
        .build();
  }

  /** The names of the thresholds the queue is past. */
  static List<String> breached(
      QueueStatus status, BacklogThresholds t, KeyedCircuitBreaker.State breaker) {
    List<String> out = new ArrayList<>();
    if (t.maxQueued() > 0 && status.queued() > t.maxQueued()) {
      out.add("maxQueued");
    }
    if (!t.maxOldestAge().isZero()
        && status
            .oldestQueuedAge()
            .filter(age -> age.compareTo(t.maxOldestAge()) > 0)
            .isPresent()) {
      out.add("maxOldestAge");
    }
    if (breaker == KeyedCircuitBreaker.State.OPEN) {
      out.add("submitBreaker");
    }
    return out;
  }
}
