package dev.taskyard.app.health;

import dev.taskyard.app.alerts.AlertEvaluator;
import dev.taskyard.app.alerts.AlertKind;
import dev.taskyard.app.alerts.AlertRules;
import dev.taskyard.app.alerts.QueueCondition;
import dev.taskyard.app.alerts.QueueFacts;
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
import java.util.List;

/**
 * Each queue against its backlog thresholds ({@link BacklogThresholds}, 0 = none) and its submit
 * circuits, in the MicroProfile Health format: DOWN when the queue holds more than {@code
 * maxQueued} tasks, its oldest queued task waited longer than {@code maxOldestAge}, its failure
 * ratio over the window passed {@code maxFailureRatio}, or a node refuses its submits at once. The
 * same rules raise the in-app alerts ({@link AlertRules}).
 */
@ApplicationScoped
public class BacklogHealth {

  @Inject QueueStore queues;
  @Inject SubmitBreakers breakers;
  @Inject AlertEvaluator evaluator;

  public JsonObject check() {
    JsonArrayBuilder checks = Json.createArrayBuilder();
    boolean up = true;
    for (QueueStatus status : queues.statuses()) {
      BacklogThresholds t = queues.settings(status.queue()).thresholds();
      KeyedCircuitBreaker.State breaker = breakers.breaker().snapshot(status.queue()).state();
      QueueFacts facts = evaluator.facts(status, t, breaker == KeyedCircuitBreaker.State.OPEN);
      List<String> breached =
          AlertRules.breached(facts).stream()
              .map(QueueCondition::kind)
              .filter(AlertKind::isBacklog)
              .map(AlertKind::limit)
              .toList();
      up &= breached.isEmpty();
      JsonObjectBuilder data =
          Json.createObjectBuilder()
              .add("queued", status.queued())
              .add("maxQueued", t.maxQueued())
              .add("oldestQueuedAgeMs", status.oldestQueuedAge().map(Duration::toMillis).orElse(0L))
              .add("maxOldestAgeMs", t.maxOldestAge().toMillis())
              .add("maxFailureRatio", t.maxFailureRatio())
              .add("failureWindowMs", t.failureWindow().toMillis())
              .add("paused", status.paused())
              .add("submitBreaker", facts.submitBreakerOpen() ? "OPEN" : breaker.name())
              .add("breached", String.join(",", breached));
      facts.failureRatio().ifPresent(ratio -> data.add("failureRatio", ratio));
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
}
