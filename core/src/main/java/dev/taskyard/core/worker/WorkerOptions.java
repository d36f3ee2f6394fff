package dev.taskyard.core.worker;

import java.time.Duration;

/**
 * How a {@link WorkerPool} paces itself.
 *
 * @param tick how often leases are renewed (each at a third of its timeout) and progress flushed
 * @param upkeepInterval how often each queue's upkeep runs (promote due, reap expired leases,
 *     delete what is past retention); a queue with more left is maintained again at once
 * @param idleWait longest sleep of an idle worker between claims; new tasks wake it at once
 * @param busyRetry sleep when the queue's global concurrency limit is reached
 * @param errorBackoff pause after a failed Redis call before trying again
 * @param shutdownGrace how long a graceful shutdown lets running tasks finish before interrupting
 *     their handlers
 * @param maxAckBatch most outcomes acknowledged in one call
 * @param cancelGrace how long a cancelled task's handler may go on before its thread is interrupted
 * @param interruptWait how long a graceful shutdown then waits for the interrupted handlers, their
 *     leases renewed and their outcomes acknowledged; a handler still running after it keeps its
 *     lease until that expires (its task then runs again elsewhere)
 */
public record WorkerOptions(
    Duration tick,
    Duration upkeepInterval,
    Duration idleWait,
    Duration busyRetry,
    Duration errorBackoff,
    Duration shutdownGrace,
    int maxAckBatch,
    Duration cancelGrace,
    Duration interruptWait) {

  public static WorkerOptions defaults() {
    return new WorkerOptions(
        Duration.ofMillis(100),
        Duration.ofSeconds(1),
        Duration.ofSeconds(2),
        Duration.ofMillis(20),
        Duration.ofMillis(500),
        Duration.ofSeconds(30),
        1000,
        Duration.ofSeconds(10),
        Duration.ofSeconds(10));
  }

  public WorkerOptions withUpkeepInterval(Duration value) {
    return new WorkerOptions(
        tick,
        value,
        idleWait,
        busyRetry,
        errorBackoff,
        shutdownGrace,
        maxAckBatch,
        cancelGrace,
        interruptWait);
  }

  public WorkerOptions withShutdownGrace(Duration value) {
    return new WorkerOptions(
        tick,
        upkeepInterval,
        idleWait,
        busyRetry,
        errorBackoff,
        value,
        maxAckBatch,
        cancelGrace,
        interruptWait);
  }

  public WorkerOptions withCancelGrace(Duration value) {
    return new WorkerOptions(
        tick,
        upkeepInterval,
        idleWait,
        busyRetry,
        errorBackoff,
        shutdownGrace,
        maxAckBatch,
        value,
        interruptWait);
  }

  public WorkerOptions withInterruptWait(Duration value) {
    return new WorkerOptions(
        tick,
        upkeepInterval,
        idleWait,
        busyRetry,
        errorBackoff,
        shutdownGrace,
        maxAckBatch,
        cancelGrace,
        value);
  }
}
