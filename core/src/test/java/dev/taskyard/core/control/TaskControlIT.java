package dev.taskyard.core.control;

import static dev.taskyard.core.testing.TaskFixtures.NOOP;
import static dev.taskyard.core.testing.TaskFixtures.aTask;
import static dev.taskyard.core.testing.TaskFixtures.currentLease;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.taskyard.core.Taskyard;
import dev.taskyard.core.control.TaskControl.Cancellation;
import dev.taskyard.core.enqueue.Submission;
import dev.taskyard.core.enqueue.TaskRequest;
import dev.taskyard.core.task.IllegalTransitionException;
import dev.taskyard.core.task.TaskNotFoundException;
import dev.taskyard.core.task.TaskRecord;
import dev.taskyard.core.task.TaskState;
import dev.taskyard.core.testing.RedisQueue;
import dev.taskyard.core.testing.TestRedis;
import dev.taskyard.core.worker.ClaimedTask;
import dev.taskyard.core.worker.Lease;
import dev.taskyard.core.worker.Outcome;
import dev.taskyard.core.worker.TaskLeases;
import dev.taskyard.core.worker.WorkerOptions;
import dev.taskyard.core.worker.WorkerPool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TaskControlIT {
  @RegisterExtension final RedisQueue queue = new RedisQueue();
  private final Taskyard taskyard = TestRedis.get().taskyard();
  private final TaskControl control = taskyard.control();
  private final TaskLeases leases = taskyard.leases();
  private final List<WorkerPool> pools = new ArrayList<>();
  private final ExecutorService threads = Executors.newFixedThreadPool(4);

  @AfterEach
  void stop() {
    pools.forEach(WorkerPool::halt);
    threads.shutdownNow();
  }

  private String submit(TaskRequest r) {
    return taskyard.producer().submit(queue.name(), r).id();
  }

  private List<String> submitMany(int n) {
    return taskyard.producer().submitAll(queue.name(), Collections.nCopies(n, aTask())).stream()
        .map(Submission::id)
        .toList();
  }

  private TaskRecord record(String id) {
    return taskyard.tasks().find(queue.name(), id).orElseThrow();
  }

  private String claimOne() {
    return leases.claim(queue.name(), "w", 1).tasks().get(0).id();
  }

  private void succeed(String id) {
    leases.complete(
        queue.name(), List.of(new TaskLeases.Success(currentLease(queue.name(), id), null)));
  }

  // ---- cancel

  @Test
  void cancelledQueuedTaskNeverStarts() {
    String id = submit(aTask());

    assertThat(control.cancel(queue.name(), id)).isEqualTo(Cancellation.CANCELLED);

    assertThat(record(id).state()).isEqualTo(TaskState.CANCELLED);
    assertThat(leases.claim(queue.name(), "w", 10).tasks()).isEmpty();
    assertThat(taskyard.stats().status(queue.name()).queued()).isZero();
    assertThat(taskyard.stats().status(queue.name()).totals().cancelled()).isEqualTo(1);
  }

  @Test
  void cancelledScheduledTaskNeverStarts() {
    String id = submit(aTask().withDelay(Duration.ofMillis(50)));

    control.cancel(queue.name(), id);

    await().pollDelay(Duration.ofMillis(100)).until(() -> true);
    assertThat(leases.claim(queue.name(), "w", 10).tasks()).isEmpty();
    assertThat(record(id).state()).isEqualTo(TaskState.CANCELLED);
  }

  @Test
  void cancellingAnEndedOrUnknownTaskIsRefused() {
    String id = submit(aTask());
    succeed(claimOne());

    assertThatThrownBy(() -> control.cancel(queue.name(), id))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining("SUCCEEDED to CANCELLED");
    assertThatThrownBy(() -> control.cancel(queue.name(), "no-such-task"))
        .isInstanceOf(TaskNotFoundException.class);
    assertThatThrownBy(() -> control.cancel("no-such-queue", id))
        .isInstanceOf(UnknownQueueException.class);
  }

  @Test
  void cancelRacingClaimsNeverLetsACancelledTaskRun() throws Exception {
    List<String> ids = submitMany(500);
    Map<String, Cancellation> cancels = new ConcurrentHashMap<>();
    Future<List<ClaimedTask>> claimer =
        threads.submit(
            () -> {
              List<ClaimedTask> claimed = new ArrayList<>();
              for (int i = 0; i < 200; i++) {
                claimed.addAll(leases.claim(queue.name(), "w", 3).tasks());
              }
              return claimed;
            });
    Future<?> canceller =
        threads.submit(() -> ids.forEach(id -> cancels.put(id, control.cancel(queue.name(), id))));
    List<ClaimedTask> claimed = claimer.get();
    canceller.get();

    for (ClaimedTask t : claimed) {
      // Claimed before its cancel arrived: the cancel could only be a request...
      assertThat(cancels.get(t.id())).isEqualTo(Cancellation.REQUESTED);
      // ...and the finished attempt ends CANCELLED, its result dropped.
      Outcome outcome =
          leases.complete(queue.name(), List.of(new TaskLeases.Success(Lease.of(t), "{}"))).get(0);
      assertThat(outcome.kind()).isEqualTo(Outcome.Kind.CANCELLED);
    }
    assertThat(taskyard.tasks().findAll(queue.name(), ids))
        .extracting(TaskRecord::state)
        .containsOnly(TaskState.CANCELLED);
    assertThat(taskyard.tasks().findAll(queue.name(), ids))
        .allSatisfy(r -> assertThat(r.result()).isEmpty());
  }

  @Test
  void runningTaskIsCancelledCooperativelyAndItsResultDropped() {
    CountDownLatch started = new CountDownLatch(1);
    pools.add(
        taskyard
            .workerPool()
            .queue(queue.name(), 1)
            .handler(
                NOOP,
                task -> {
                  started.countDown();
                  await().atMost(Duration.ofSeconds(20)).until(task::isCancelled);
                  return "{\"partial\":true}";
                })
            .start());
    String id = submit(aTask());
    await().atMost(Duration.ofSeconds(10)).until(() -> started.getCount() == 0);

    assertThat(control.cancel(queue.name(), id)).isEqualTo(Cancellation.REQUESTED);

    await().atMost(Duration.ofSeconds(10)).until(() -> record(id).state() == TaskState.CANCELLED);
    assertThat(record(id).result()).isEmpty();
    assertThat(taskyard.stats().status(queue.name()).running()).isZero();
  }

  @Test
  void handlerIgnoringTheCancelIsInterruptedAfterTheGracePeriod() {
    CountDownLatch started = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    pools.add(
        taskyard
            .workerPool()
            .queue(queue.name(), 1)
            .options(WorkerOptions.defaults().withCancelGrace(Duration.ofMillis(300)))
            .handler(
                NOOP,
                task -> {
                  started.countDown();
                  try {
                    new CountDownLatch(1).await(30, TimeUnit.SECONDS); // ignores isCancelled()
                  } catch (InterruptedException e) {
                    interrupted.set(true);
                    throw e;
                  }
                  return null;
                })
            .start());
    String id = submit(aTask());
    await().atMost(Duration.ofSeconds(10)).until(() -> started.getCount() == 0);

    control.cancel(queue.name(), id);

    await().atMost(Duration.ofSeconds(10)).until(() -> record(id).state() == TaskState.CANCELLED);
    assertThat(interrupted).isTrue();
  }

  @Test
  void cancelledTaskOfADeadWorkerEndsCancelledWhenItsLeaseExpires() {
    String id = submit(aTask().withTimeout(Duration.ofSeconds(1)));
    claimOne();

    assertThat(control.cancel(queue.name(), id)).isEqualTo(Cancellation.REQUESTED);
    assertThat(record(id).state()).isEqualTo(TaskState.RUNNING);

    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () -> {
              leases.maintain(queue.name(), 100);
              return record(id).state() == TaskState.CANCELLED;
            });
    assertThat(leases.claim(queue.name(), "w", 1).tasks()).isEmpty();
  }

  // ---- retry, promote, reprioritise, delete

  @Test
  void failedAndCancelledTasksCanBeRetriedButNotSucceededOnes() {
    String failed = submit(aTask().withMaxAttempts(1));
    leases.fail(
        queue.name(),
        List.of(
            new TaskLeases.Failure(currentLease(queue.name(), claimOne()), "broken", "", true)));
    String cancelled = submit(aTask());
    control.cancel(queue.name(), cancelled);
    String succeeded = submit(aTask());
    succeed(claimOne());

    control.retry(queue.name(), failed);
    control.retry(queue.name(), cancelled);

    assertThat(record(failed).state()).isEqualTo(TaskState.QUEUED);
    assertThat(record(cancelled).state()).isEqualTo(TaskState.QUEUED);
    assertThat(taskyard.deadLetters().count(queue.name())).isZero();
    assertThat(leases.claim(queue.name(), "w", 10).tasks())
        .extracting(ClaimedTask::id)
        .containsExactlyInAnyOrder(failed, cancelled);
    assertThatThrownBy(() -> control.retry(queue.name(), succeeded))
        .isInstanceOf(IllegalTransitionException.class);
  }

  @Test
  void promotedScheduledTaskRunsNow() {
    String id = submit(aTask().withDelay(Duration.ofHours(1)));

    control.promote(queue.name(), id);

    assertThat(claimOne()).isEqualTo(id);
    assertThatThrownBy(() -> control.promote(queue.name(), id))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining("RUNNING");
  }

  @Test
  void reprioritisedTaskMovesInTheQueue() {
    String a = submit(aTask().withPriority(5));
    String b = submit(aTask().withPriority(5));
    String c = submit(aTask().withPriority(5));

    control.reprioritize(queue.name(), c, 6);
    control.reprioritize(queue.name(), a, 1);

    assertThat(record(c).priority()).isEqualTo(6);
    List<String> order = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      order.add(claimOne());
    }
    assertThat(order).containsExactly(c, b, a);
  }

  @Test
  void runNextPutsATaskAheadOfEveryOther() {
    submit(aTask().withPriority(1000));
    submit(aTask().withPriority(1000));
    String last = submit(aTask().withPriority(0));

    control.runNext(queue.name(), last);

    assertThat(claimOne()).isEqualTo(last);
  }

  private List<String> queuedOrder() {
    return taskyard.tasks().queued(queue.name(), 0, 100).stream().map(TaskRecord::id).toList();
  }

  @Test
  void aQueuedTaskMovesOnePlaceUpOrDownAndWorkersFollowTheNewOrder() {
    String a = submit(aTask());
    String b = submit(aTask());
    String c = submit(aTask());
    List<String> before = queuedOrder();
    assertThat(before).containsExactlyInAnyOrder(a, b, c);

    assertThat(control.move(queue.name(), before.get(2), TaskMove.UP)).isTrue();
    assertThat(queuedOrder().indexOf(before.get(2))).isLessThan(2);
    assertThat(control.move(queue.name(), queuedOrder().get(0), TaskMove.UP)).isFalse();
    assertThat(control.move(queue.name(), queuedOrder().get(2), TaskMove.DOWN)).isFalse();

    List<String> moved = queuedOrder();
    List<String> claimed = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      claimed.add(claimOne());
    }
    assertThat(claimed).isEqualTo(moved);
  }

  @Test
  void tasksOfDistinctMillisecondsTradePlaces() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      long at = System.currentTimeMillis();
      ids.add(submit(aTask()));
      await().until(() -> System.currentTimeMillis() > at); // the next one a millisecond later
    }
    assertThat(queuedOrder()).isEqualTo(ids);

    control.move(queue.name(), ids.get(3), TaskMove.UP);
    control.move(queue.name(), ids.get(0), TaskMove.DOWN);

    assertThat(queuedOrder()).containsExactly(ids.get(1), ids.get(0), ids.get(3), ids.get(2));
    assertThat(record(ids.get(3)).priority()).isEqualTo(record(ids.get(2)).priority());
  }

  @Test
  void tasksSubmittedTogetherArePartedByAMove() {
    List<String> batch = submitMany(3);
    List<String> before = queuedOrder();

    control.move(queue.name(), before.get(1), TaskMove.UP);

    assertThat(queuedOrder().get(0)).isEqualTo(before.get(1));
    assertThat(queuedOrder()).containsExactlyInAnyOrderElementsOf(batch);
  }

  @Test
  void onlyQueuedTasksMove() {
    String running = submit(aTask());
    claimOne();
    String scheduled = submit(aTask().withDelay(Duration.ofHours(1)));

    assertThatThrownBy(() -> control.move(queue.name(), running, TaskMove.UP))
        .isInstanceOf(IllegalTransitionException.class);
    assertThatThrownBy(() -> control.move(queue.name(), scheduled, TaskMove.DOWN))
        .isInstanceOf(IllegalTransitionException.class);
    assertThatThrownBy(() -> control.move(queue.name(), "no-such-task", TaskMove.UP))
        .isInstanceOf(TaskNotFoundException.class);
  }

  @Test
  void startedTaskCannotBeReprioritised() {
    String id = submit(aTask());
    claimOne();

    assertThatThrownBy(() -> control.reprioritize(queue.name(), id, 9))
        .isInstanceOf(IllegalTransitionException.class);
  }

  @Test
  void onlyEndedTasksCanBeDeleted() {
    String queued = submit(aTask());
    String done = submit(aTask());
    control.cancel(queue.name(), done);

    control.delete(queue.name(), done);

    assertThat(taskyard.tasks().find(queue.name(), done)).isEmpty();
    assertThatThrownBy(() -> control.delete(queue.name(), queued))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining("has not ended (QUEUED)");
    assertThatThrownBy(() -> control.delete(queue.name(), done))
        .isInstanceOf(TaskNotFoundException.class);
  }

  // ---- drain and pause

  @Test
  void drainCancelsEveryWaitingTaskButNotRunningOnes() {
    submitMany(2500);
    taskyard
        .producer()
        .submitAll(queue.name(), Collections.nCopies(10, aTask().withDelay(Duration.ofHours(1))));
    String running = claimOne();

    TaskControl.Drained drained = control.drain(queue.name());

    assertThat(drained.queued()).isEqualTo(2499);
    assertThat(drained.scheduled()).isEqualTo(10);
    var status = taskyard.stats().status(queue.name());
    assertThat(status.queued()).isZero();
    assertThat(status.scheduled()).isZero();
    assertThat(status.running()).isEqualTo(1);
    assertThat(status.totals().cancelled()).isEqualTo(2509);
    assertThat(record(running).state()).isEqualTo(TaskState.RUNNING);
  }

  @Test
  void noClaimStartedAfterPauseReturnedLeasesAnything() throws Exception {
    submitMany(3000);
    AtomicBoolean paused = new AtomicBoolean();
    List<Future<Integer>> claimers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      claimers.add(
          threads.submit(
              () -> {
                int afterPause = 0;
                for (int n = 0; n < 300; n++) {
                  boolean pausedBefore = paused.get();
                  int got = leases.claim(queue.name(), "w", 2).tasks().size();
                  if (pausedBefore) {
                    afterPause += got;
                  }
                }
                return afterPause;
              }));
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> taskyard.stats().status(queue.name()).running() > 50);

    taskyard.queues().pause(queue.name());
    paused.set(true);

    for (Future<Integer> c : claimers) {
      assertThat(c.get()).isZero();
    }
    long runningAtPause = taskyard.stats().status(queue.name()).running();
    assertThat(leases.claim(queue.name(), "w", 5).tasks()).isEmpty();
    assertThat(taskyard.stats().status(queue.name()).running()).isEqualTo(runningAtPause);
  }
}
