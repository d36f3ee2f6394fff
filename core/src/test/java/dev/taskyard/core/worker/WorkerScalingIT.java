package dev.taskyard.core.worker;

import static dev.taskyard.core.testing.TaskFixtures.NOOP;
import static dev.taskyard.core.testing.TaskFixtures.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskyard.core.Taskyard;
import dev.taskyard.core.control.WorkerScaling;
import dev.taskyard.core.enqueue.Submission;
import dev.taskyard.core.task.TaskState;
import dev.taskyard.core.testing.OtherNodes;
import dev.taskyard.core.testing.RedisQueue;
import dev.taskyard.core.testing.TestRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Thread counts follow the queue's worker settings on every node, and autoscaling. */
class WorkerScalingIT {
  /** A settings change reaches running pools within a second; the rest is slack for slow CI. */
  private static final Duration RESIZE = Duration.ofSeconds(2);

  private static final Duration WAIT = Duration.ofSeconds(20);

  @RegisterExtension final RedisQueue queue = new RedisQueue();
  @RegisterExtension final OtherNodes otherNodes = new OtherNodes();
  private final Taskyard taskyard = TestRedis.get().taskyard();
  private final List<WorkerPool> pools = new ArrayList<>();
  private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
  private final CountDownLatch gate = new CountDownLatch(1);

  @AfterEach
  void stopPools() {
    gate.countDown();
    pools.forEach(WorkerPool::close);
  }

  /** A pool whose handler counts each run, waits for the gate, and notes its peak concurrency. */
  private WorkerPool startPool(Taskyard on, int threads, AtomicInteger peak) {
    AtomicInteger runningNow = new AtomicInteger();
    WorkerPool pool =
        on.workerPool()
            .queue(queue.name(), threads)
            .handler(
                NOOP,
                task -> {
                  runs.computeIfAbsent(task.id(), k -> new AtomicInteger()).incrementAndGet();
                  peak.accumulateAndGet(runningNow.incrementAndGet(), Math::max);
                  try {
                    gate.await();
                  } finally {
                    runningNow.decrementAndGet();
                  }
                  return null;
                })
            .start();
    pools.add(pool);
    return pool;
  }

  private List<String> submit(int n) {
    return taskyard.producer().submitAll(queue.name(), Collections.nCopies(n, aTask())).stream()
        .map(Submission::id)
        .toList();
  }

  private void awaitThreads(List<WorkerPool> on, int threads) {
    await()
        .atMost(RESIZE)
        .untilAsserted(
            () ->
                assertThat(on)
                    .allSatisfy(p -> assertThat(p.threadsPerQueue()).containsValue(threads)));
  }

  private void awaitListedThreads(List<WorkerPool> on, int threads) {
    List<String> ids = on.stream().map(WorkerPool::workerId).toList();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(taskyard.workers().nodes(queue.name()))
                    .filteredOn(n -> ids.contains(n.nodeId()))
                    .hasSize(ids.size())
                    .allSatisfy(
                        n ->
                            assertThat(n.queue(queue.name()).orElseThrow().threads())
                                .isEqualTo(threads)));
  }

  private void awaitEachRunOnce(List<String> ids) {
    queue.awaitAll(ids, TaskState.SUCCEEDED);
    assertThat(runs).hasSize(ids.size());
    assertThat(runs.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
  }

  @Test
  void workerThreadsSettingResizesRunningPoolsOnEveryNode() {
    AtomicInteger peakA = new AtomicInteger();
    AtomicInteger peakB = new AtomicInteger();
    WorkerPool a = startPool(taskyard, 2, peakA);
    WorkerPool b = startPool(otherNodes.next(), 2, peakB);
    List<WorkerPool> both = List.of(a, b);
    List<String> ids = new ArrayList<>(submit(40));
    await()
        .atMost(WAIT)
        .until(() -> a.busyThreads().get(queue.name()) + b.busyThreads().get(queue.name()) == 4);

    taskyard.queues().setWorkerThreads(queue.name(), 6);

    awaitThreads(both, 6);
    await()
        .atMost(RESIZE)
        .untilAsserted(
            () -> assertThat(both).allSatisfy(p -> assertThat(p.busyThreads()).containsValue(6)));
    awaitListedThreads(both, 6);

    taskyard.queues().setWorkerThreads(queue.name(), 1);

    awaitThreads(both, 1);
    assertThat(both)
        .as("running tasks are let finish")
        .allSatisfy(p -> assertThat(p.busyThreads()).containsValue(6));
    awaitListedThreads(both, 1);
    gate.countDown();
    awaitEachRunOnce(ids);

    peakA.set(0);
    peakB.set(0);
    ids.addAll(submit(30));
    awaitEachRunOnce(ids);
    assertThat(peakA.get()).as("tasks at once on node a after shrinking").isLessThanOrEqualTo(1);
    assertThat(peakB.get()).as("tasks at once on node b after shrinking").isLessThanOrEqualTo(1);

    taskyard.queues().setWorkerThreads(queue.name(), 0);

    awaitThreads(both, 2);
  }

  @Test
  void poolStartsWithTheStoredThreadCount() {
    taskyard.queues().setWorkerThreads(queue.name(), 3);

    WorkerPool pool = startPool(taskyard, 1, new AtomicInteger());

    assertThat(pool.threadsPerQueue()).containsEntry(queue.name(), 3);
  }

  @Test
  void autoscalingGrowsUnderBacklogAndShrinksBackAfterTheCooldown() {
    taskyard
        .queues()
        .setWorkerScaling(
            queue.name(), WorkerScaling.defaults().withAutoscaling(1, 6, 5, Duration.ofSeconds(1)));
    WorkerPool pool = startPool(taskyard, 1, new AtomicInteger());
    List<String> ids = submit(100);

    await().atMost(WAIT).until(() -> pool.threadsPerQueue().get(queue.name()) == 6);
    await().atMost(WAIT).until(() -> pool.busyThreads().get(queue.name()) == 6);
    awaitListedThreads(List.of(pool), 6);
    gate.countDown();

    awaitEachRunOnce(ids);
    await().atMost(WAIT).until(() -> pool.threadsPerQueue().get(queue.name()) == 1);
    awaitListedThreads(List.of(pool), 1);
  }

  @Test
  void loweringTheAutoscalingMaximumShrinksAtOnce() {
    WorkerScaling scaling =
        WorkerScaling.defaults().withAutoscaling(4, 8, 5, Duration.ofMinutes(5));
    taskyard.queues().setWorkerScaling(queue.name(), scaling);
    WorkerPool pool = startPool(taskyard, 1, new AtomicInteger());
    assertThat(pool.threadsPerQueue()).containsEntry(queue.name(), 4);

    taskyard
        .queues()
        .setWorkerScaling(queue.name(), scaling.withAutoscaling(1, 2, 5, Duration.ofMinutes(5)));

    awaitThreads(List.of(pool), 2);
  }
}
