package dev.taskyard.app.alerts;

import dev.taskyard.app.history.ArchiveLag;
import dev.taskyard.app.history.ArchiveStreams;
import dev.taskyard.app.queues.ActiveQueues;
import dev.taskyard.app.queues.QueueRounds;
import dev.taskyard.core.Taskyard;
import dev.taskyard.core.control.BacklogThresholds;
import dev.taskyard.core.control.QueueSettings;
import dev.taskyard.core.stats.QueueStatus;
import dev.taskyard.core.worker.WorkerNode;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Checks the queues against their thresholds, and looks for tasks newly dead-lettered and worker
 * nodes lost, at a fixed interval on every node, and lets the {@link AlertStore} turn what changed
 * into raised and resolved alerts, which it announces. A round reads the queues with tasks,
 * breaches or recent events, and every queue once per {@link #SWEEP}: idle queues cost nothing
 * between sweeps. Every node keeps its own failure windows, so whichever node wins a round judges
 * with full data.
 */
@ApplicationScoped
public class AlertEvaluator {
  private static final Logger LOG = Logger.getLogger(AlertEvaluator.class.getName());

  @Inject Taskyard taskyard;
  @Inject AlertStore store;
  @Inject AlertPublisher publisher;
  @Inject OpenSubmitBreakers openSubmitBreakers;
  @Inject ActiveQueues activeQueues;
  @Inject ArchiveStreams archiveStreams;

  @Inject
  @ConfigProperty(name = "taskyard.alerts.enabled", defaultValue = "true")
  boolean enabled;

  @Inject
  @ConfigProperty(name = "taskyard.alerts.interval-ms", defaultValue = "10000")
  long intervalMs;

  @Resource ManagedScheduledExecutorService scheduler;

  /** How often every queue is judged, active or not (a quiet queue cannot breach a limit). */
  static final Duration SWEEP = Duration.ofMinutes(5);

  private final Map<String, FailureWindow> failureWindows = new ConcurrentHashMap<>();
  private final QueueRounds rounds = new QueueRounds(SWEEP);
  private volatile Map<String, Integer> workerThreads = Map.of();
  private volatile Set<String> openBreakers = Set.of();
  private ScheduledFuture<?> schedule;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    schedule =
        scheduler.scheduleWithFixedDelay(
            this::evaluateSafely, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
  }

  /**
   * The facts of a queue whose status and limits were just read, with what the last round learnt:
   * its failure ratio, worker threads and submit circuits across the cluster.
   */
  public QueueFacts facts(QueueStatus status, BacklogThresholds limits, boolean breakerOpenHere) {
    FailureWindow window = failureWindows.get(status.queue());
    return new QueueFacts(
        status,
        limits,
        window == null ? OptionalDouble.empty() : window.ratio(),
        workerThreads.getOrDefault(status.queue(), 0),
        breakerOpenHere || openBreakers.contains(status.queue()));
  }

  @PreDestroy
  void stop() {
    if (schedule != null) {
      schedule.cancel(false);
    }
  }

  /**
   * When each queue's dead letters were last acknowledged; null when PostgreSQL cannot tell, so
   * that the round still observes the queues (failure windows, backlog health) without PostgreSQL.
   */
  private Map<String, Instant> deadLettersSeen() {
    try {
      return store.lastAcknowledged(AlertKind.DEAD_LETTERED);
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.FINE, "Alerts not judged this round: PostgreSQL unavailable", e);
      return null;
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

  /**
   * One round: the queues with something going on observed and judged (every queue once per {@link
   * #SWEEP}, see {@link QueueRounds}); then, if alerting is on, the stored alerts of the queues
   * judged reconciled and the changes announced.
   */
  void evaluate() throws Exception {
    List<String> registered = taskyard.queues().queues();
    Map<String, Integer> threads = new HashMap<>();
    List<WorkerNode> lost = new ArrayList<>();
    for (WorkerNode node : taskyard.workers().knownNodes()) {
      if (node.lost()) {
        lost.add(node);
      } else {
        node.queues().forEach(q -> threads.merge(q.queue(), q.threads(), Integer::sum));
      }
    }
    workerThreads = threads;
    Set<String> servedByLost = new HashSet<>();
    lost.forEach(node -> node.queues().forEach(q -> servedByLost.add(q.queue())));
    openBreakers = openSubmitBreakers.shareAndRead(Duration.ofMillis(3 * intervalMs));
    QueueRounds.Round round = rounds.next(registered, activeQueues, Instant.now());
    Set<String> judged = new HashSet<>(round.queues());
    // An open breaker and history not yet archived are news without events: judged too.
    registered.stream().filter(openBreakers::contains).forEach(judged::add);
    // Only a stream that holds entries can lag (acknowledging trims it empty); none is read on a
    // node that does not archive.
    Set<String> holding =
        activeQueues.tracked() ? archiveStreams.holdingEntries(registered) : Set.of();
    judged.addAll(holding);
    // Whether a lost node left its queues without workers is judged at once.
    registered.stream().filter(servedByLost::contains).forEach(judged::add);
    List<String> queues = registered.stream().filter(judged::contains).toList();
    Map<String, QueueSettings> settings = taskyard.queues().settings(queues);
    Map<String, ArchiveLag> lags =
        archiveStreams.lag(registered.stream().filter(holding::contains).toList());
    // Dead letters are news from the last acknowledgement of their alert on (PostgreSQL).
    Instant judgedAt = Instant.now();
    Map<String, Instant> deadLettersSeen = enabled ? deadLettersSeen() : null;
    List<QueueCondition> breached = new ArrayList<>();
    Set<String> unserved = new HashSet<>();
    for (QueueStatus status : taskyard.stats().statuses(queues)) {
      String queue = status.queue();
      QueueSettings queueSettings = settings.get(queue);
      if (queueSettings == null) {
        continue; // deleted since it was listed
      }
      BacklogThresholds limits = queueSettings.thresholds();
      failureWindows
          .computeIfAbsent(queue, q -> new FailureWindow())
          .observe(
              status.at(),
              status.totals().succeeded(),
              status.totals().failed(),
              limits.failureWindow());
      List<QueueCondition> found =
          new ArrayList<>(AlertRules.breached(facts(status, limits, false)));
      ArchiveLag lag = lags.get(queue);
      if (lag != null) {
        AlertRules.archiveBehind(queue, lag, archiveStreams.maxLag()).ifPresent(found::add);
      }
      if (deadLettersSeen != null && status.dead() > 0) {
        AlertRules.deadLettered(
                queue,
                taskyard
                    .deadLetters()
                    .since(queue, deadLettersSeen.getOrDefault(queue, Instant.EPOCH)))
            .ifPresent(found::add);
      }
      rounds.found(queue, !found.isEmpty() || QueueRounds.holdsTasks(status));
      // A queue a lost node left without workers is told by that node's alert: one page, not two.
      if (servedByLost.contains(queue) && found.removeIf(c -> c.kind() == AlertKind.NO_WORKERS)) {
        unserved.add(queue);
      }
      breached.addAll(found);
    }
    Instant now = Instant.now();
    for (WorkerNode node : lost) {
      List<String> left =
          node.queues().stream()
              .map(WorkerNode.QueueLoad::queue)
              .filter(unserved::contains)
              .toList();
      breached.add(AlertRules.workerLost(node, left, now));
    }
    rounds.completed(round);
    failureWindows.keySet().retainAll(registered);
    if (deadLettersSeen == null) {
      return; // alerting off, or PostgreSQL away: nothing can be stored this round
    }
    Set<String> registeredSet = new HashSet<>(registered);
    AlertStore.Changes changes =
        store.reconcile(breached, q -> judged.contains(q) || !registeredSet.contains(q), judgedAt);
    changes.raised().forEach(publisher::raised);
    changes.resolved().forEach(publisher::resolved);
  }
}
