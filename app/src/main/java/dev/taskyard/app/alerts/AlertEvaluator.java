package dev.taskyard.app.alerts;

import dev.taskyard.core.Taskyard;
import dev.taskyard.core.control.BacklogThresholds;
import dev.taskyard.core.stats.QueueStatus;
import dev.taskyard.core.worker.WorkerNode;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Checks every queue against its thresholds at a fixed interval on every node, and lets the {@link
 * AlertStore} turn what changed into raised and resolved alerts, which it announces. Every node
 * keeps its own failure windows, so whichever node wins a round judges with full data.
 */
@ApplicationScoped
public class AlertEvaluator {
  private static final Logger LOG = Logger.getLogger(AlertEvaluator.class.getName());

  @Inject Taskyard taskyard;
  @Inject AlertStore store;
  @Inject AlertPublisher publisher;

  @Inject
  @ConfigProperty(name = "taskyard.alerts.enabled", defaultValue = "true")
  boolean enabled;

  @Inject
  @ConfigProperty(name = "taskyard.alerts.interval-ms", defaultValue = "10000")
  long intervalMs;

  @Resource ManagedScheduledExecutorService scheduler;

  private final Map<String, FailureWindow> failureWindows = new ConcurrentHashMap<>();
  private ScheduledFuture<?> schedule;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    if (enabled) {
      schedule =
          scheduler.scheduleWithFixedDelay(
              this::evaluateSafely, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }
  }

  @PreDestroy
  void stop() {
    if (schedule != null) {
      schedule.cancel(false);
    }
  }

  private void evaluateSafely() {
    try {
      evaluate();
    } catch (Exception e) {
      // Redis or PostgreSQL away: the next round judges again with fresh numbers.
      LOG.log(Level.FINE, "Alert evaluation skipped", e);
    }
  }

  /** One round: every queue judged, then the stored alerts reconciled and changes announced. */
  void evaluate() throws Exception {
    List<String> queues = taskyard.queues().queues();
    List<WorkerNode> nodes = taskyard.workers().nodes();
    List<QueueCondition> breached = new ArrayList<>();
    for (String queue : queues) {
      QueueStatus status = taskyard.stats().status(queue);
      BacklogThresholds limits = taskyard.queues().settings(queue).thresholds();
      FailureWindow window = failureWindows.computeIfAbsent(queue, q -> new FailureWindow());
      window.observe(
          status.at(),
          status.totals().succeeded(),
          status.totals().failed(),
          limits.failureWindow());
      int threads =
          nodes.stream()
              .flatMap(node -> node.queue(queue).stream())
              .mapToInt(WorkerNode.QueueLoad::threads)
              .sum();
      breached.addAll(AlertRules.breached(status, limits, window.ratio(), threads));
    }
    failureWindows.keySet().retainAll(queues);
    AlertStore.Changes changes = store.reconcile(breached);
    changes.raised().forEach(publisher::raised);
    changes.resolved().forEach(publisher::resolved);
  }
}
