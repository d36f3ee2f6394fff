package dev.taskyard.core.enqueue;

import static dev.taskyard.core.testing.TaskFixtures.NOOP;
import static dev.taskyard.core.testing.TaskFixtures.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskyard.core.Taskyard;
import dev.taskyard.core.stats.QueueStatus;
import dev.taskyard.core.task.TaskRecord;
import dev.taskyard.core.task.TaskState;
import dev.taskyard.core.worker.WorkerOptions;
import dev.taskyard.core.worker.WorkerPool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A steady submit and process load on one queue, for failover tests: producer threads submit small
 * tasks and record every id the producer acknowledged (and the exceptions of those it did not); a
 * worker pool runs them, counting runs per id. Everything is timed on this JVM's monotonic clock.
 */
final class FailoverLoad implements AutoCloseable {
  /** Short leases, so that a task whose acknowledgement died with the master runs again soon. */
  private static final Duration LEASE = Duration.ofSeconds(3);

  private final Taskyard taskyard;
  private final String queue;
  private final Map<String, Long> acknowledged = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
  private final Queue<Long> runTimes = new ConcurrentLinkedQueue<>();
  private final Map<String, AtomicInteger> refused = new ConcurrentHashMap<>();
  private final List<Thread> producers = new ArrayList<>();
  private final WorkerPool pool;
  private volatile boolean submitting = true;

  FailoverLoad(Taskyard taskyard, String queue, int producerThreads, int workerThreads) {
    this.taskyard = taskyard;
    this.queue = queue;
    this.pool =
        taskyard
            .workerPool()
            .queue(queue, workerThreads)
            .options(WorkerOptions.defaults().withUpkeepInterval(Duration.ofMillis(100)))
            .handler(
                NOOP,
                task -> {
                  runs.computeIfAbsent(task.id(), id -> new AtomicInteger()).incrementAndGet();
                  runTimes.add(System.nanoTime());
                  return null;
                })
            .start();
    for (int i = 0; i < producerThreads; i++) {
      Thread producer = new Thread(this::submitUntilStopped, "failover-producer-" + i);
      producer.setDaemon(true);
      producers.add(producer);
      producer.start();
    }
  }

  private void submitUntilStopped() {
    while (submitting) {
      try {
        String id = taskyard.producer().submit(queue, aTask().withTimeout(LEASE)).id();
        acknowledged.put(id, System.nanoTime());
      } catch (RuntimeException e) {
        // Not acknowledged: the producer's caller would see this and submit again.
        refused
            .computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicInteger())
            .incrementAndGet();
      }
    }
  }

  int acknowledgedCount() {
    return acknowledged.size();
  }

  /** Waits until {@code more} tasks were acknowledged from now on. */
  void awaitMoreAcknowledged(int more, Duration atMost) {
    int target = acknowledged.size() + more;
    await("" + more + " more acknowledged submits")
        .atMost(atMost)
        .until(() -> acknowledged.size() >= target);
  }

  void stopSubmitting() throws InterruptedException {
    submitting = false;
    for (Thread producer : producers) {
      producer.join();
    }
  }

  /** Waits until nothing is queued, scheduled or running, and returns the acknowledged ids. */
  List<String> awaitIdle(Duration atMost) {
    await("queue " + queue + " idle")
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              QueueStatus status = taskyard.stats().status(queue);
              return status.queued() + status.scheduled() + status.running() == 0;
            });
    return List.copyOf(acknowledged.keySet());
  }

  /** Asserts that every acknowledged task has run and its record says it succeeded. */
  void assertEveryAcknowledgedTaskSucceeded(Duration atMost) {
    List<String> ids = List.copyOf(acknowledged.keySet());
    await("every acknowledged task succeeded")
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              assertThat(runs.keySet()).containsAll(ids);
              assertThat(taskyard.tasks().findAll(queue, ids))
                  .hasSize(ids.size())
                  .extracting(TaskRecord::state)
                  .containsOnly(TaskState.SUCCEEDED);
            });
  }

  /** Acknowledged tasks that never ran: lost. */
  long acknowledgedButNeverRun() {
    return acknowledged.keySet().stream().filter(id -> !runs.containsKey(id)).count();
  }

  /** Tasks acknowledged after {@code nanos} that never ran. */
  long acknowledgedAfterButNeverRun(long nanos) {
    return acknowledged.entrySet().stream()
        .filter(e -> e.getValue() > nanos && !runs.containsKey(e.getKey()))
        .count();
  }

  /** Acknowledged tasks whose record is gone (lost with the master, whether they ran or not). */
  long acknowledgedButWithoutRecord() {
    List<String> ids = List.copyOf(acknowledged.keySet());
    return ids.size() - taskyard.tasks().findAll(queue, ids).size();
  }

  long acknowledgedAfter(long nanos) {
    return acknowledged.values().stream().filter(t -> t > nanos).count();
  }

  /** Tasks that ran more than once. */
  long duplicates() {
    return runs.values().stream().filter(n -> n.get() > 1).count();
  }

  /** The longest time without an acknowledged submit. */
  Duration longestSubmitGap() {
    return longestGap(new ArrayList<>(acknowledged.values()));
  }

  /** The longest time without a task run starting. */
  Duration longestRunGap() {
    return longestGap(new ArrayList<>(runTimes));
  }

  private static Duration longestGap(List<Long> times) {
    times.sort(Long::compare);
    long gap = 0;
    for (int i = 1; i < times.size(); i++) {
      gap = Math.max(gap, times.get(i) - times.get(i - 1));
    }
    return Duration.ofNanos(gap);
  }

  /** Submits not acknowledged, by exception. */
  Map<String, Integer> refused() {
    return refused.entrySet().stream()
        .collect(
            Collectors.toMap(
                Map.Entry::getKey, e -> e.getValue().get(), Integer::sum, TreeMap::new));
  }

  @Override
  public void close() throws InterruptedException {
    stopSubmitting();
    pool.halt();
  }
}
