package dev.taskyard.app.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskyard.app.history.ArchiveLag;
import dev.taskyard.core.control.BacklogThresholds;
import dev.taskyard.core.deadletter.DeadLetters;
import dev.taskyard.core.stats.QueueStatus;
import dev.taskyard.core.worker.WorkerNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class AlertRulesTest {
  private static final BacklogThresholds LIMITS =
      new BacklogThresholds(100, Duration.ofMinutes(2), 0.2, Duration.ofMinutes(5));
  private static final QueueStatus.Totals TOTALS =
      new QueueStatus.Totals(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

  private static QueueStatus status(long queued, Duration oldest, boolean paused) {
    return new QueueStatus(
        "mail", queued, 0, 0, 0, 0, paused, Optional.ofNullable(oldest), TOTALS, Instant.now());
  }

  private static QueueFacts facts(
      QueueStatus status, BacklogThresholds limits, OptionalDouble ratio, int threads) {
    return new QueueFacts(status, limits, ratio, threads, false);
  }

  private static List<AlertKind> kinds(List<QueueCondition> conditions) {
    return conditions.stream().map(QueueCondition::kind).toList();
  }

  @Test
  void aQueueWithinItsLimitsBreachesNothing() {
    List<QueueCondition> breached =
        AlertRules.breached(
            facts(status(100, Duration.ofMinutes(2), false), LIMITS, OptionalDouble.of(0.2), 4));

    assertThat(breached).isEmpty();
  }

  @Test
  void eachLimitCrossedIsOneConditionWithItsNumbers() {
    List<QueueCondition> breached =
        AlertRules.breached(
            facts(status(101, Duration.ofMinutes(3), false), LIMITS, OptionalDouble.of(0.5), 0));

    assertThat(kinds(breached))
        .containsExactly(
            AlertKind.BACKLOG, AlertKind.OLDEST_AGE, AlertKind.FAILURE_RATIO, AlertKind.NO_WORKERS);
    assertThat(breached.get(0).value()).isEqualTo(101);
    assertThat(breached.get(0).threshold()).isEqualTo(100);
    assertThat(breached.get(0).message())
        .isEqualTo("101 tasks queued in mail, above its limit of 100");
    assertThat(breached.get(1).value()).isEqualTo(180);
    assertThat(breached.get(2).message())
        .isEqualTo("50% of attempts in mail failed over the last 5 min, above its limit of 20%");
  }

  @Test
  void zeroLimitsMeanNoLimit() {
    List<QueueCondition> breached =
        AlertRules.breached(
            facts(
                status(1_000_000, Duration.ofDays(1), false),
                BacklogThresholds.NONE,
                OptionalDouble.of(1),
                4));

    assertThat(breached).isEmpty();
  }

  @Test
  void noWorkersMattersOnlyWhenTasksWaitOnARunningQueue() {
    assertThat(
            AlertRules.breached(facts(status(0, null, false), LIMITS, OptionalDouble.empty(), 0)))
        .isEmpty();
    assertThat(AlertRules.breached(facts(status(5, null, true), LIMITS, OptionalDouble.empty(), 0)))
        .isEmpty();
    assertThat(
            kinds(
                AlertRules.breached(
                    facts(status(5, null, false), LIMITS, OptionalDouble.empty(), 0))))
        .containsExactly(AlertKind.NO_WORKERS);
  }

  @Test
  void anUnknownFailureRatioRaisesNothing() {
    assertThat(
            AlertRules.breached(
                facts(status(1, Duration.ZERO, false), LIMITS, OptionalDouble.empty(), 1)))
        .isEmpty();
  }

  @Test
  void anOpenSubmitBreakerIsCriticalAndCountsAsBacklog() {
    List<QueueCondition> breached =
        AlertRules.breached(
            new QueueFacts(
                status(0, null, false), BacklogThresholds.NONE, OptionalDouble.empty(), 1, true));

    assertThat(kinds(breached)).containsExactly(AlertKind.SUBMIT_BREAKER_OPEN);
    assertThat(breached.get(0).kind().severity()).isEqualTo(AlertKind.Severity.CRITICAL);
    assertThat(breached.get(0).kind().isBacklog()).isTrue();
    assertThat(breached.get(0).message()).startsWith("submits to mail are refused at once");
  }

  @Test
  void historyWithinItsLagLimitIsNoCondition() {
    ArchiveLag lag = new ArchiveLag(40, 300_000L, 0, 0, false);

    assertThat(AlertRules.archiveBehind("mail", lag, Duration.ofMinutes(5))).isEmpty();
    assertThat(
            AlertRules.archiveBehind(
                "mail", new ArchiveLag(0, null, 0, 0, false), Duration.ofMinutes(5)))
        .isEmpty();
  }

  @Test
  void historyOlderThanItsLagLimitIsAnArchiveLagWithItsAge() {
    ArchiveLag lag = new ArchiveLag(40, 300_001L, 0, 0, false);

    QueueCondition condition =
        AlertRules.archiveBehind("mail", lag, Duration.ofMinutes(5)).orElseThrow();

    assertThat(condition.kind()).isEqualTo(AlertKind.ARCHIVE_LAG);
    assertThat(condition.kind().isBacklog()).isFalse();
    assertThat(condition.value()).isEqualTo(300.001);
    assertThat(condition.threshold()).isEqualTo(300);
    assertThat(condition.message())
        .isEqualTo(
            "the history of mail is 300 s behind with 40 events not yet in PostgreSQL,"
                + " above its limit of 300 s; see <app>/health/history");
  }

  @Test
  void aStreamPastTheWarningLevelIsAnArchiveLagHoweverYoungItsEntries() {
    ArchiveLag lag = new ArchiveLag(1_000_000, 2_000L, 0, 0, true);

    assertThat(AlertRules.archiveBehind("mail", lag, Duration.ofMinutes(5)))
        .hasValueSatisfying(c -> assertThat(c.message()).contains("past the warning level"));
  }

  @Test
  void deadLettersAreNewsOnlyWhenThereAreSomeAndOneAlertCountsThemAll() {
    Instant first = Instant.parse("2026-01-02T03:04:05.678Z");

    assertThat(AlertRules.deadLettered("mail", new DeadLetters.Recent(0, null, null))).isEmpty();
    QueueCondition burst =
        AlertRules.deadLettered("mail", new DeadLetters.Recent(10_000, first, null)).orElseThrow();

    assertThat(burst.kind()).isEqualTo(AlertKind.DEAD_LETTERED);
    assertThat(burst.severity()).isEqualTo(AlertKind.Severity.WARNING);
    assertThat(burst.value()).isEqualTo(10_000);
    assertThat(burst.message())
        .isEqualTo(
            "10000 tasks dead-lettered in mail since 2026-01-02T03:04:05Z,"
                + " last error: none recorded");
  }

  @Test
  void aLostNodeIsAWarningUnlessItLeftQueuedWorkWithoutWorkers() {
    Instant lastBeat = Instant.parse("2026-01-02T03:04:05.678Z");
    WorkerNode node =
        new WorkerNode(
            "node-1",
            "host",
            42,
            lastBeat.minusSeconds(3600),
            lastBeat,
            1,
            2,
            0.1,
            List.of(
                new WorkerNode.QueueLoad("mail", 2, 1, 0, 0),
                new WorkerNode.QueueLoad("pdf", 1, 0, 0, 0)),
            true);

    QueueCondition served = AlertRules.workerLost(node, List.of(), lastBeat.plusSeconds(10));
    QueueCondition left = AlertRules.workerLost(node, List.of("pdf"), lastBeat.plusSeconds(10));

    assertThat(served.node()).isEqualTo("node-1");
    assertThat(served.queue()).isNull();
    assertThat(served.severity()).isEqualTo(AlertKind.Severity.WARNING);
    assertThat(served.value()).isEqualTo(10);
    assertThat(served.message())
        .isEqualTo(
            "node node-1 lost (last heartbeat at 2026-01-02T03:04:05Z, it served queues mail, pdf;"
                + " its running tasks run again after their leases)");
    assertThat(left.severity()).isEqualTo(AlertKind.Severity.CRITICAL);
    assertThat(left.message()).endsWith("; tasks are queued and no worker is left in pdf");
  }
}
