package dev.taskyard.core.worker;

import static dev.taskyard.core.testing.TaskFixtures.NOOP;
import static dev.taskyard.core.testing.TaskFixtures.aNumberedTask;
import static dev.taskyard.core.testing.TaskFixtures.aTask;
import static dev.taskyard.core.testing.TaskFixtures.aTaskOfType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskyard.core.Taskyard;
import dev.taskyard.core.control.QueueSettings;
import dev.taskyard.core.enqueue.Submission;
import dev.taskyard.core.enqueue.TaskRequest;
import dev.taskyard.core.task.TaskRecord;
import dev.taskyard.core.task.TaskState;
import dev.taskyard.core.testing.OtherNodes;
import dev.taskyard.core.testing.RedisQueue;
import dev.taskyard.core.testing.TestRedis;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WorkerPoolIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  /** Task timestamps are whole milliseconds of the Redis clock: a span may read 1 ms short. */
  private static final Duration REDIS_CLOCK_TICK = Duration.ofMillis(1);

  @RegisterExtension final RedisQueue queue = new RedisQueue();
  @RegisterExtension final OtherNodes otherNodes = new OtherNodes();
  private final Taskyard taskyard = TestRedis.get().taskyard();
  private final List<WorkerPool> pools = new ArrayList<>();

  @AfterEach
  void stopPools() {
    pools.forEach(WorkerPool::halt);
  }

  private WorkerPool.Builder pool(Taskyard on, int threads) {
    return on.workerPool()
        .queue(queue.name(), threads)
        .options(WorkerOptions.defaults().withUpkeepInterval(Duration.ofMillis(100)));
  }

  private WorkerPool started(WorkerPool.Builder builder) {
    WorkerPool pool = builder.start();
    pools.add(pool);
    return pool;
  }

  private List<String> submitMany(int n, TaskRequest template) {
    List<TaskRequest> batch =
        IntStream.range(0, n).mapToObj(i -> template.withCorrelationId("n" + i)).toList();
    return taskyard.producer().submitAll(queue.name(), batch).stream().map(Submission::id).toList();
  }

  private TaskRecord record(String id) {
    return taskyard.tasks().find(queue.name(), id).orElseThrow();
  }

  @Test
  void twoNodesRunEveryTaskExactlyOnce() {
    Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    Map<String, String> ranOn = new ConcurrentHashMap<>();
    TaskHandler handler =
        task -> {
          runs.computeIfAbsent(task.id(), k -> new AtomicInteger()).incrementAndGet();
          ranOn.put(task.id(), Thread.currentThread().getName());
          return null;
        };
    started(pool(taskyard, 8).workerId("node-a").handler(NOOP, handler));
    started(pool(otherNodes.next(), 8).workerId("node-b").handler(NOOP, handler));

    List<String> ids = submitMany(3000, aTask());

    queue.awaitAll(ids, TaskState.SUCCEEDED);
    assertThat(runs).hasSize(3000);
    assertThat(runs.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    assertThat(taskyard.tasks().findAll(queue.name(), ids))
        .extracting(r -> r.workerId().orElseThrow())
        .contains("node-a", "node-b");
    assertThat(taskyard.stats().status(queue.name()).totals().succeeded()).isEqualTo(3000);
  }

  @Test
  void tasksOfAHaltedWorkerRunAgainAfterTheirLeasesExpire() throws Exception {
    CountDownLatch started = new CountDownLatch(5);
    WorkerPool crashing =
        started(
            pool(taskyard, 5)
                .workerId("crashing")
                .handler(
                    NOOP,
                    task -> {
                      started.countDown();
                      new CountDownLatch(1).await();
                      return null;
                    }));
    List<String> ids = submitMany(5, aTask().withTimeout(Duration.ofSeconds(1)));
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

    crashing.halt();
    started(pool(otherNodes.next(), 5).workerId("survivor").handler(NOOP, task -> "{\"ok\":true}"));

    queue.awaitAll(ids, TaskState.SUCCEEDED);
    assertThat(taskyard.tasks().findAll(queue.name(), ids))
        .allSatisfy(
            r -> {
              assertThat(r.attempts()).isEqualTo(2);
              assertThat(r.workerId()).contains("survivor");
            });
    assertThat(taskyard.stats().status(queue.name()).totals().leasesExpired()).isEqualTo(5);
  }

  @Test
  void gracefulShutdownLetsRunningTasksFinish() throws Exception {
    CountDownLatch started = new CountDownLatch(3);
    CountDownLatch finish = new CountDownLatch(1);
    WorkerPool pool =
        started(
            pool(taskyard, 3)
                .handler(
                    NOOP,
                    task -> {
                      started.countDown();
                      finish.await(20, TimeUnit.SECONDS); // a task that takes a while
                      return null;
                    }));
    List<String> ids = submitMany(3, aTask());
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Void> shutdown =
        CompletableFuture.runAsync(() -> pool.shutdown(Duration.ofSeconds(20)));
    // The shutdown waits for the running tasks...
    await()
        .during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(2))
        .until(() -> !shutdown.isDone());
    finish.countDown();
    shutdown.get(20, TimeUnit.SECONDS);

    assertThat(taskyard.tasks().findAll(queue.name(), ids))
        .extracting(TaskRecord::state)
        .containsOnly(TaskState.SUCCEEDED);
  }

  @Test
  void afterTheGracePeriodRunningTasksAreInterruptedAndTheNeverStartedOnesGoBack()
      throws Exception {
    Set<String> startedIds = ConcurrentHashMap.newKeySet();
    CountDownLatch started = new CountDownLatch(2);
    WorkerPool pool =
        started(
            pool(taskyard, 2)
                .handler(
                    NOOP,
                    task -> {
                      startedIds.add(task.id());
                      started.countDown();
                      new CountDownLatch(1).await(); // until interrupted
                      return null;
                    }));
    List<String> ids = submitMany(6, aTask());
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

    pool.shutdown(Duration.ofMillis(200));

    // The interrupted ones kept their leases until their outcome (a failed attempt) was in: no
    // other node could take them while their handlers might still run.
    assertThat(startedIds).hasSize(2);
    assertThat(taskyard.tasks().findAll(queue.name(), List.copyOf(startedIds)))
        .allSatisfy(
            r -> {
              assertThat(r.state()).isEqualTo(TaskState.SCHEDULED);
              assertThat(r.attempts()).isEqualTo(1);
              assertThat(r.error()).hasValueSatisfying(e -> assertThat(e).contains("Interrupted"));
            });
    // Claimed ahead but never started, or never claimed: back in the queue, no attempt used.
    assertThat(taskyard.tasks().findAll(queue.name(), ids))
        .filteredOn(r -> !startedIds.contains(r.id()))
        .hasSize(4)
        .allSatisfy(
            r -> {
              assertThat(r.state()).isEqualTo(TaskState.QUEUED);
              assertThat(r.attempts()).isZero();
            });
    assertThat(taskyard.stats().status(queue.name()).running()).isZero();
  }

  @Test
  void aBlockedTaskDoesNotHoldBackTheShortTasksHandedOverWithIt() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    started(
        pool(taskyard, 4)
            .handler(
                NOOP,
                task -> {
                  if (task.payload().contains("block")) {
                    release.await();
                  }
                  return null;
                }));
    // Short tasks first: the worker then hands claimed tasks to its threads in runs of several.
    queue.awaitAll(submitMany(500, aTask()), TaskState.SUCCEEDED);
    List<TaskRequest> batch = new ArrayList<>();
    batch.add(TaskRequest.of(NOOP, "{\"block\":true}"));
    IntStream.range(0, 50).forEach(i -> batch.add(aTask()));
    List<String> ids =
        taskyard.producer().submitAll(queue.name(), batch).stream().map(Submission::id).toList();

    try {
      queue.awaitAll(ids.subList(1, ids.size()), TaskState.SUCCEEDED);
      assertThat(record(ids.get(0)).state()).isEqualTo(TaskState.RUNNING);
    } finally {
      release.countDown();
    }
    queue.awaitAll(ids.subList(0, 1), TaskState.SUCCEEDED);
  }

  @Test
  void handlerFinishingShortlyAfterTheInterruptKeepsItsResultAndRunsOnce() throws Exception {
    Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    CountDownLatch started = new CountDownLatch(1);
    WorkerPool pool =
        started(
            pool(taskyard, 1)
                .handler(
                    NOOP,
                    task -> {
                      runs.computeIfAbsent(task.id(), id -> new AtomicInteger()).incrementAndGet();
                      started.countDown();
                      try {
                        new CountDownLatch(1).await(); // until interrupted
                      } catch (InterruptedException e) {
                        // Winds down: done 200 ms after the interrupt.
                        CountDownLatch woundDown = new CountDownLatch(1);
                        CompletableFuture.runAsync(
                            woundDown::countDown,
                            CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS));
                        woundDown.await();
                      }
                      return "{\"wound\":\"down\"}";
                    }));
    String id = taskyard.producer().submit(queue.name(), aTask()).id();
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

    pool.shutdown(Duration.ofMillis(200));

    TaskRecord record = record(id);
    assertThat(record.state()).isEqualTo(TaskState.SUCCEEDED);
    assertThat(record.result()).contains("{\"wound\":\"down\"}");
    assertThat(runs).containsOnlyKeys(id);
    assertThat(runs.get(id).get()).isEqualTo(1);
  }

  @Test
  void taskCancelledWhileWaitingForALocalThreadNeverStarts() throws Exception {
    CountDownLatch firstStarted = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    Set<String> ran = ConcurrentHashMap.newKeySet();
    started(
        pool(taskyard, 1)
            .handler(
                NOOP,
                task -> {
                  ran.add(task.id());
                  firstStarted.countDown();
                  releaseFirst.await(20, TimeUnit.SECONDS);
                  return null;
                }));
    List<String> ids = submitMany(2, aTask()); // the second is claimed ahead, waits for the thread
    assertThat(firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
    String waiting = ids.stream().filter(id -> !ran.contains(id)).findFirst().orElseThrow();
    await().atMost(WAIT).until(() -> record(waiting).state() == TaskState.RUNNING);

    taskyard.control().cancel(queue.name(), waiting);
    await().atMost(WAIT).until(() -> record(waiting).cancelRequestedAt().isPresent());
    releaseFirst.countDown();

    await().atMost(WAIT).until(() -> record(waiting).state() == TaskState.CANCELLED);
    assertThat(ran).doesNotContain(waiting);
  }

  @Test
  void failingHandlerIsRetriedThenDeadLetteredWithItsStackTrace() {
    taskyard
        .queues()
        .configure(
            queue.name(),
            QueueSettings.defaults()
                .withMaxAttempts(3)
                .withBackoff(Duration.ofMillis(10), Duration.ofMillis(20), 0));
    AtomicInteger calls = new AtomicInteger();
    started(
        pool(taskyard, 2)
            .handler(
                NOOP,
                task -> {
                  calls.incrementAndGet();
                  throw new IllegalStateException("disk full on attempt " + task.attempt());
                }));

    String id = taskyard.producer().submit(queue.name(), aTask()).id();

    await().atMost(WAIT).until(() -> record(id).state() == TaskState.FAILED);
    TaskRecord record = record(id);
    assertThat(calls.get()).isEqualTo(3);
    assertThat(record.attempts()).isEqualTo(3);
    assertThat(record.error()).contains("java.lang.IllegalStateException: disk full on attempt 3");
    assertThat(record.stackTrace()).hasValueSatisfying(s -> assertThat(s).contains("WorkerPoolIT"));
    assertThat(taskyard.deadLetters().count(queue.name())).isEqualTo(1);
  }

  @Test
  void permanentFailureIsDeadLetteredWithoutRetry() {
    AtomicInteger calls = new AtomicInteger();
    started(
        pool(taskyard, 1)
            .handler(
                NOOP,
                task -> {
                  calls.incrementAndGet();
                  throw new PermanentTaskFailure("payload names no file");
                }));

    String id = taskyard.producer().submit(queue.name(), aTask()).id();

    await().atMost(WAIT).until(() -> record(id).state() == TaskState.FAILED);
    assertThat(calls.get()).isEqualTo(1);
    assertThat(record(id).error())
        .hasValueSatisfying(e -> assertThat(e).contains("payload names no file"));
  }

  @Test
  void taskOfATypeWithNoHandlerIsDeadLettered() {
    started(pool(taskyard, 1).handler(NOOP, task -> null));

    String id = taskyard.producer().submit(queue.name(), aTaskOfType("nobody.handles")).id();

    await().atMost(WAIT).until(() -> record(id).state() == TaskState.FAILED);
    assertThat(record(id).error())
        .hasValueSatisfying(
            e -> assertThat(e).contains("No handler for task type 'nobody.handles'"));
  }

  @Test
  void everyThreadOfThePoolComesFromTheGivenFactory() {
    Set<Thread> made = ConcurrentHashMap.newKeySet();
    Set<Thread> ranOn = ConcurrentHashMap.newKeySet();
    WorkerPool pool =
        started(
            pool(taskyard, 2)
                .threadFactory(
                    r -> {
                      Thread t = new Thread(r);
                      t.setDaemon(true);
                      made.add(t);
                      return t;
                    })
                .handler(
                    NOOP,
                    task -> {
                      ranOn.add(Thread.currentThread());
                      return null;
                    }));

    List<String> ids = submitMany(20, aTask());

    queue.awaitAll(ids, TaskState.SUCCEEDED);
    assertThat(made).containsAll(ranOn);
    // scheduler, lease keeper, fetcher, acker and at least one worker thread
    assertThat(made).hasSizeGreaterThanOrEqualTo(5);
    assertThat(made).extracting(Thread::getName).allMatch(name -> name.startsWith("taskyard-"));
    assertThat(pool.threadsAlive()).isTrue();
  }

  @Test
  void handlerResultAndProgressAreStored() {
    CountDownLatch progressSeen = new CountDownLatch(1);
    started(
        pool(taskyard, 1)
            .handler(
                NOOP,
                task -> {
                  task.progress(60, "copied 3 of 5 files");
                  progressSeen.await(10, TimeUnit.SECONDS);
                  return "{\"files\":5}";
                }));
    String id = taskyard.producer().submit(queue.name(), aTask()).id();

    await().atMost(WAIT).until(() -> record(id).progress().orElse(0) == 60);
    assertThat(record(id).progressMessage()).contains("copied 3 of 5 files");
    progressSeen.countDown();

    await().atMost(WAIT).until(() -> record(id).state() == TaskState.SUCCEEDED);
    assertThat(record(id).result()).contains("{\"files\":5}");
  }

  @Test
  void invalidHandlerResultFailsTheTask() {
    started(pool(taskyard, 1).handler(NOOP, task -> "not json"));

    String id = taskyard.producer().submit(queue.name(), aTask()).id();

    await().atMost(WAIT).until(() -> record(id).state() == TaskState.FAILED);
    assertThat(record(id).error())
        .hasValueSatisfying(e -> assertThat(e).contains("invalid result"));
  }

  @Test
  void globalConcurrencyHoldsAcrossNodes() {
    taskyard.queues().configure(queue.name(), QueueSettings.defaults().withMaxConcurrency(3));
    AtomicInteger runningNow = new AtomicInteger();
    AtomicInteger mostAtOnce = new AtomicInteger();
    TaskHandler handler =
        task -> {
          mostAtOnce.accumulateAndGet(runningNow.incrementAndGet(), Math::max);
          try {
            // Hold until three run at once (the cap), so the test sees the cap reached.
            await()
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(1))
                .atMost(Duration.ofMillis(50))
                .until(() -> runningNow.get() >= 3);
          } catch (ConditionTimeoutException tail) {
            // the last tasks of the run cannot make three
          }
          runningNow.decrementAndGet();
          return null;
        };
    started(pool(taskyard, 5).handler(NOOP, handler));
    started(pool(otherNodes.next(), 5).handler(NOOP, handler));

    List<String> ids = submitMany(150, aTask());

    queue.awaitAll(ids, TaskState.SUCCEEDED);
    assertThat(mostAtOnce.get()).isEqualTo(3);
  }

  @Test
  void delayedTaskRunsOnceDueWithoutBeingSubmittedAgain() {
    Map<String, Long> startedAt = new ConcurrentHashMap<>();
    started(
        pool(taskyard, 1)
            .handler(
                NOOP,
                task -> {
                  startedAt.put(task.id(), System.currentTimeMillis());
                  return null;
                }));

    String id =
        taskyard.producer().submit(queue.name(), aTask().withDelay(Duration.ofMillis(500))).id();

    await().atMost(WAIT).until(() -> record(id).state() == TaskState.SUCCEEDED);
    TaskRecord record = record(id);
    assertThat(record.startedAt().orElseThrow()).isAfterOrEqualTo(record.queuedAt());
    assertThat(Duration.between(record.createdAt(), record.queuedAt()))
        .isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void workersTakeHigherPriorityTasksFirst() {
    List<Integer> order = new ArrayList<>();
    List<TaskRequest> batch = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      batch.add(aNumberedTask(i).withPriority(i % 2 == 0 ? 1 : 7));
    }
    taskyard.producer().submitAll(queue.name(), batch);
    started(
        pool(taskyard, 1)
            .handler(
                NOOP,
                task -> {
                  synchronized (order) {
                    order.add(Integer.parseInt(task.payload().replaceAll("\\D", "")));
                  }
                  return null;
                }));

    await()
        .atMost(WAIT)
        .until(
            () -> {
              synchronized (order) {
                return order.size() == 20;
              }
            });
    assertThat(order.subList(0, 10)).containsExactly(1, 3, 5, 7, 9, 11, 13, 15, 17, 19);
    assertThat(order.subList(10, 20)).containsExactly(0, 2, 4, 6, 8, 10, 12, 14, 16, 18);
  }

  @Test
  void taskRunningLongerThanItsTimeoutKeepsItsLease() {
    started(
        pool(taskyard, 1)
            .handler(
                NOOP,
                task -> {
                  // Work that outlasts its 1 s lease: until the lease was renewed 2 s past the
                  // start.
                  var leased = TestRedis.get().redisson().getScoredSortedSet(queue.keys().leased());
                  long start = record(task.id()).startedAt().orElseThrow().toEpochMilli();
                  await()
                      .atMost(Duration.ofSeconds(10))
                      .until(() -> leased.getScore(task.id()) >= start + 2000);
                  return null;
                }));

    String id =
        taskyard.producer().submit(queue.name(), aTask().withTimeout(Duration.ofSeconds(1))).id();

    await().atMost(WAIT).until(() -> record(id).state() == TaskState.SUCCEEDED);
    assertThat(record(id).attempts()).isEqualTo(1);
    assertThat(taskyard.stats().status(queue.name()).totals().leasesExpired()).isZero();
  }

  @Test
  void durationAndCpuTimeAreRecordedForEachTask() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Duration burn = Duration.ofMillis(50);
    CountDownLatch wake = new CountDownLatch(1);
    started(
        pool(taskyard, 2)
            .handler(
                "test.burn",
                task -> {
                  long until = threads.getCurrentThreadCpuTime() + burn.toNanos();
                  double x = 0;
                  while (threads.getCurrentThreadCpuTime() < until) {
                    x += Math.sqrt(x + 1);
                  }
                  return "{\"x\":" + (x > 0) + "}";
                })
            .handler(
                "test.nap",
                task -> {
                  wake.await(20, TimeUnit.SECONDS); // idle until the burn is done
                  return null;
                }));

    String burnt = taskyard.producer().submit(queue.name(), aTaskOfType("test.burn")).id();
    String napped = taskyard.producer().submit(queue.name(), aTaskOfType("test.nap")).id();

    queue.awaitAll(List.of(burnt), TaskState.SUCCEEDED);
    await().atMost(WAIT).until(() -> record(napped).state() == TaskState.RUNNING);
    Instant released = taskyard.stats().status(queue.name()).at(); // the Redis clock
    wake.countDown();
    queue.awaitAll(List.of(napped), TaskState.SUCCEEDED);
    TaskRecord busy = record(burnt);
    TaskRecord idle = record(napped);
    assertThat(busy.cpuTime().orElseThrow()).isGreaterThanOrEqualTo(burn);
    assertThat(busy.duration().orElseThrow()).isGreaterThanOrEqualTo(burn.minus(REDIS_CLOCK_TICK));
    assertThat(idle.duration().orElseThrow())
        .isGreaterThanOrEqualTo(
            Duration.between(idle.startedAt().orElseThrow(), released).minus(REDIS_CLOCK_TICK));
    assertThat(idle.cpuTime().orElseThrow()).isLessThan(busy.cpuTime().orElseThrow());
  }

  @Test
  void failedAttemptRecordsItsDurationAndCpuTime() {
    CountDownLatch fail = new CountDownLatch(1);
    started(
        pool(taskyard, 1)
            .handler(
                NOOP,
                task -> {
                  fail.await(20, TimeUnit.SECONDS);
                  throw new PermanentTaskFailure("no such file");
                }));

    String id = taskyard.producer().submit(queue.name(), aTask()).id();
    await().atMost(WAIT).until(() -> record(id).state() == TaskState.RUNNING);
    Instant released = taskyard.stats().status(queue.name()).at(); // the Redis clock
    fail.countDown();

    await().atMost(WAIT).until(() -> record(id).state() == TaskState.FAILED);
    assertThat(record(id).duration().orElseThrow())
        .isGreaterThanOrEqualTo(
            Duration.between(record(id).startedAt().orElseThrow(), released)
                .minus(REDIS_CLOCK_TICK));
    assertThat(record(id).cpuTime()).isPresent();
    assertThat(record(id).allocatedBytes()).isPresent();
  }

  @Test
  void memoryAllocatedIsRecordedForEachTask() {
    int tenMiB = 10 * 1024 * 1024;
    started(
        pool(taskyard, 1)
            .handler("test.allocate", task -> "{\"length\":" + new byte[tenMiB].length + "}")
            .handler("test.trivial", task -> null));

    String heavy = taskyard.producer().submit(queue.name(), aTaskOfType("test.allocate")).id();
    String light = taskyard.producer().submit(queue.name(), aTaskOfType("test.trivial")).id();

    queue.awaitAll(List.of(heavy, light), TaskState.SUCCEEDED);
    assertThat(record(heavy).allocatedBytes().orElseThrow()).isGreaterThanOrEqualTo(tenMiB);
    // What a trivial handler and the worker's own steps between two tasks allocate.
    assertThat(record(light).allocatedBytes().orElseThrow()).isBetween(0L, 1024L * 1024);
  }
}
