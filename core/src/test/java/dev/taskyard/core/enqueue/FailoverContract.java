package dev.taskyard.core.enqueue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskyard.core.Taskyard;
import dev.taskyard.core.TaskyardOptions;
import dev.taskyard.core.redis.Durability;
import dev.taskyard.core.redis.QueueKeys;
import dev.taskyard.core.redis.RedisTopology;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.redisson.config.ConstantDelay;

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

  /** When the servers had a new master with its replicas (System.nanoTime). */
  private long failedOverAt;

  /** The servers, started for this test. */
  abstract RedisTopology topology();

  /** Kills the master that holds {@code key} and waits until a replica took over. */
  abstract void killMasterOf(String key);

  @Test
  void everyTaskAcknowledgedAtReplicatedRunsAfterTheMasterIsKilled() throws Exception {
    String queue = "failover-" + UUID.randomUUID();
    try (Engine engine = connect(Durability.replicated(Duration.ofSeconds(1)));
        FailoverLoad load = new FailoverLoad(engine.taskyard(), queue, PRODUCERS, WORKER_THREADS)) {
      long killedAt = killUnderLoad(queue, load);

      load.assertEveryAcknowledgedTaskSucceeded(FAILOVER);
      report("replicated", load, killedAt);
      assertThat(load.acknowledgedAfter(failedOverAt)).isGreaterThanOrEqualTo(SUBMITS_AFTER_KILL);
    }
  }

  @Test
  void asyncSubmitsGoOnAfterTheMasterIsKilledAndTheirLossesAreCounted() throws Exception {
    String queue = "failover-" + UUID.randomUUID();
    try (Engine engine = connect(Durability.ASYNC);
        FailoverLoad load = new FailoverLoad(engine.taskyard(), queue, PRODUCERS, WORKER_THREADS)) {
      long killedAt = killUnderLoad(queue, load);

      load.awaitIdle(FAILOVER);
      report("async", load, killedAt);
      // Losses around the kill are measured, not asserted: they depend on the replication lag at
      // that moment. Once a replica took over, nothing acknowledged may be lost.
      assertThat(load.acknowledgedAfter(failedOverAt)).isGreaterThanOrEqualTo(SUBMITS_AFTER_KILL);
      assertThat(load.acknowledgedAfterButNeverRun(failedOverAt)).isZero();
    }
  }

  /**
   * An engine with the application's client settings (docs/configuration.md: {@code
   * taskyard.redis.timeout-ms} 1000, {@code retry-attempts} 1, {@code retry-interval-ms} 100):
   * calls fail fast while no master answers, and the load tries again at once.
   */
  private Engine connect(Durability durability) {
    Config config = topology().config();
    RedisTopology.servers(config)
        .setTimeout(1000)
        .setRetryAttempts(1)
        .setRetryDelay(new ConstantDelay(Duration.ofMillis(100)));
    RedissonClient redisson = Redisson.create(config);
    return new Engine(
        redisson, Taskyard.create(redisson, TaskyardOptions.defaults().withDurability(durability)));
  }

  /** An engine on a client of its own, closed together. */
  private record Engine(RedissonClient redisson, Taskyard taskyard) implements AutoCloseable {
    @Override
    public void close() {
      taskyard.close();
      redisson.shutdown();
    }
  }

  /** Lets the load run, kills the master, and lets the load go on after; returns the kill time. */
  private long killUnderLoad(String queue, FailoverLoad load) throws InterruptedException {
    load.awaitMoreAcknowledged(SUBMITS_BEFORE_KILL, FAILOVER);
    long killedAt = System.nanoTime();
    killMasterOf(new QueueKeys(queue).queued());
    failedOverAt = System.nanoTime();
    load.awaitMoreAcknowledged(SUBMITS_AFTER_KILL, FAILOVER);
    load.stopSubmitting();
    return killedAt;
  }

  private void report(String durability, FailoverLoad load, long killedAt) {
    System.out.printf(
        "FAILOVER %s %s: acknowledged %d (%d after the kill), refused %s; servers' failover %d ms,"
            + " longest gap between acknowledgements %d ms, between runs %d ms; ran twice or more"
            + " %d; acknowledged but never ran %d, without record %d%n",
        getClass().getSimpleName().replace("FailoverIT", "").toLowerCase(Locale.ROOT),
        durability,
        load.acknowledgedCount(),
        load.acknowledgedAfter(killedAt),
        load.refused(),
        Duration.ofNanos(failedOverAt - killedAt).toMillis(),
        load.longestSubmitGap().toMillis(),
        load.longestRunGap().toMillis(),
        load.duplicates(),
        load.acknowledgedButNeverRun(),
        load.acknowledgedButWithoutRecord());
  }
}
