package dev.taskyard.app.queues;

import dev.taskyard.app.history.ArchiveStreams;
import dev.taskyard.app.platform.RedisCalls;
import dev.taskyard.core.Taskyard;
import dev.taskyard.core.control.QueueSettings;
import dev.taskyard.core.control.TaskControl;
import dev.taskyard.core.control.WorkerScaling;
import dev.taskyard.core.stats.QueueStatus;
import dev.taskyard.core.worker.WorkerNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.redisson.client.RedisConnectionException;
import org.redisson.client.RedisException;

/**
 * The Redis calls behind the queue endpoints, with MicroProfile Fault Tolerance (one breaker per
 * method, counting only Redis failures; reads retried once). Limits through MicroProfile Config,
 * e.g. {@code dev.taskyard.app.queues.QueueStore/Timeout/value}.
 */
@ApplicationScoped
@RedisCalls
@Timeout(2000)
@CircuitBreaker(
    requestVolumeThreshold = 4,
    failureRatio = 0.5,
    delay = 5000,
    failOn = {RedisException.class, TimeoutException.class})
@Bulkhead(50)
public class QueueStore {

  /** How long a delete waits for the archiver to read the queue's last events. */
  static final Duration HISTORY_WAIT = Duration.ofSeconds(10);

  @Inject Taskyard taskyard;
  @Inject ArchiveStreams archiveStreams;
  @Inject ActiveQueues activeQueues;

  /** The status of every registered queue, sorted by name. */
  @Retry(
      maxRetries = 1,
      delay = 50,
      retryOn = RedisException.class,
      abortOn = RedisConnectionException.class)
  public List<QueueStatus> statuses() {
    return taskyard.stats().statuses(taskyard.queues().queues());
  }

  /** The status of each of {@code queues}, in one round trip. */
  @Retry(
      maxRetries = 1,
      delay = 50,
      retryOn = RedisException.class,
      abortOn = RedisConnectionException.class)
  public List<QueueStatus> statuses(List<String> queues) {
    return taskyard.stats().statuses(queues);
  }

  /** Each queue's live workers, summed over the nodes' last heartbeats, in one read. */
  public Map<String, QueueWorkers> workersByQueue() {
    return QueueWorkers.byQueue(workerNodes());
  }

  /** The live worker nodes, from their heartbeats. */
  @Retry(
      maxRetries = 1,
      delay = 50,
      retryOn = RedisException.class,
      abortOn = RedisConnectionException.class)
  public List<WorkerNode> workerNodes() {
    return taskyard.workers().nodes();
  }

  /** The live worker nodes and the lost ones not yet forgotten, from their heartbeats. */
  @Retry(
      maxRetries = 1,
      delay = 50,
      retryOn = RedisException.class,
      abortOn = RedisConnectionException.class)
  public List<WorkerNode> knownWorkerNodes() {
    return taskyard.workers().knownNodes();
  }

  /** A queue's settings; unknown queues are refused. */
  @Retry(
      maxRetries = 1,
      delay = 50,
      retryOn = RedisException.class,
      abortOn = RedisConnectionException.class)
  public QueueSettings settings(String queue) {
    return taskyard.queues().settings(queue);
  }

  /** Writes only the settings {@code after} changes from {@code before}; see QueueAdmin#change. */
  public void change(String queue, QueueSettings before, QueueSettings after) {
    taskyard.queues().change(queue, before, after);
  }

  /** Sets the threads every node runs for the queue and answers the scaling now in force. */
  public WorkerScaling setWorkerThreads(String queue, int threadsPerNode) {
    taskyard.queues().setWorkerThreads(queue, threadsPerNode);
    return taskyard.queues().workerScaling(List.of(queue)).get(queue);
  }

  public void pause(String queue) {
    taskyard.queues().pause(queue);
  }

  public void resume(String queue) {
    taskyard.queues().resume(queue);
  }

  /** Bounded steps; waits up to {@link #HISTORY_WAIT} for the archiver to catch up. */
  @Timeout(60_000)
  public long delete(String queue, boolean force) {
    archiveStreams.ensureGroup(queue);
    long removed = taskyard.queues().delete(queue, force, HISTORY_WAIT);
    activeQueues.forget(queue);
    return removed;
  }

  /** Cancels every queued, scheduled and waiting task, in steps; may take a while when long. */
  @Timeout(60_000)
  public TaskControl.Drained drain(String queue) {
    return taskyard.control().drain(queue);
  }
}
