package dev.taskyard.core.enqueue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskyard.core.Taskyard;
import dev.taskyard.core.TaskyardOptions;
import dev.taskyard.core.redis.Durability;
import dev.taskyard.core.redis.QueueKeys;
import dev.taskyard.core.redis.RedisTopology;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A master killed (SIGKILL) under a steady submit and process load: a replica takes over, the load
 * goes on by itself, and at durability {@code replicated} every acknowledged task runs. At {@code
 * async} the same run measures (prints) how many acknowledged tasks were lost. Each topology's test
 * starts its own servers, as it kills one.
 */
abstract class FailoverContract {
  private static final int PRODUCERS = 2;
  private static final int WORKER_THREADS = 4;
  private static final int SUBMITS_BEFORE_KILL = 300;
  private static final int SUBMITS_AFTER_KILL = 300;

  /** Failover takes a few seconds, more under load on a small shared machine. */
  private static final Duration FAILOVER = Duration.ofSeconds(120);

  /** From the kill until the servers had a new master with its replicas. */
  private Duration failover;

  /** The servers, started for this test. */
  abstract RedisTopology topology();

  /** Kills the master that holds {@code key} and waits until a replica took over. */
  abstract void killMasterOf(String key);

  @Test
  void everyTaskAcknowledgedAtReplicatedRunsAfterTheMasterIsKilled() throws Exception {
    String queue = "failover-" + UUID.randomUUID();
    try (Taskyard taskyard = connect(Durability.replicated(Duration.ofSeconds(1)));
        FailoverLoad load = new FailoverLoad(taskyard, queue, PRODUCERS, WORKER_THREADS)) {
      long killedAt = killUnderLoad(queue, load);

      load.assertEveryAcknowledgedTaskSucceeded(FAILOVER);
      report("replicated", load, killedAt);
      assertThat(load.acknowledgedAfter(killedAt)).isGreaterThanOrEqualTo(SUBMITS_AFTER_KILL);
    }
  }

  @Test
  void asyncSubmitsGoOnAfterTheMasterIsKilledAndTheirLossesAreCounted() throws Exception {
    String queue = "failover-" + UUID.randomUUID();
    try (Taskyard taskyard = connect(Durability.ASYNC);
        FailoverLoad load = new FailoverLoad(taskyard, queue, PRODUCERS, WORKER_THREADS)) {
      long killedAt = killUnderLoad(queue, load);

      load.awaitIdle(FAILOVER);
      report("async", load, killedAt);
      // The loss window is measured, not asserted: it depends on replication lag at the kill.
      assertThat(load.acknowledgedAfter(killedAt)).isGreaterThanOrEqualTo(SUBMITS_AFTER_KILL);
      assertThat(load.acknowledgedButNeverRun()).isLessThan(load.acknowledgedCount());
    }
  }

  private Taskyard connect(Durability durability) {
    return Taskyard.connect(topology(), TaskyardOptions.defaults().withDurability(durability));
  }

  /** Lets the load run, kills the master, and lets the load go on after; returns the kill time. */
  private long killUnderLoad(String queue, FailoverLoad load) throws InterruptedException {
    load.awaitMoreAcknowledged(SUBMITS_BEFORE_KILL, FAILOVER);
    long killedAt = System.nanoTime();
    killMasterOf(new QueueKeys(queue).queued());
    failover = Duration.ofNanos(System.nanoTime() - killedAt);
    load.awaitMoreAcknowledged(SUBMITS_AFTER_KILL, FAILOVER);
    load.stopSubmitting();
    return killedAt;
  }

  private void report(String durability, FailoverLoad load, long killedAt) {
    System.out.printf(
        "FAILOVER %s %s: acknowledged %d (%d after the kill), refused %s; servers' failover %d ms,"
            + " longest gap between acknowledgements %d ms, between runs %d ms; ran twice or more"
            + " %d; acknowledged but never ran %d, without record %d%n",
        getClass().getSimpleName().replace("FailoverIT", "").toLowerCase(java.util.Locale.ROOT),
        durability,
        load.acknowledgedCount(),
        load.acknowledgedAfter(killedAt),
        load.refused(),
        failover.toMillis(),
        load.longestSubmitGap().toMillis(),
        load.longestRunGap().toMillis(),
        load.duplicates(),
        load.acknowledgedButNeverRun(),
        load.acknowledgedButWithoutRecord());
  }
}
