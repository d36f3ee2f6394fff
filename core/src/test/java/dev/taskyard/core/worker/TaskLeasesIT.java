package dev.taskyard.core.worker;

import static dev.taskyard.core.testing.TaskFixtures.aNumberedTask;
import static dev.taskyard.core.testing.TaskFixtures.aTask;
import static dev.taskyard.core.testing.TaskFixtures.currentLease;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.taskyard.core.Taskyard;
import dev.taskyard.core.control.QueueSettings;
import dev.taskyard.core.enqueue.Submission;
import dev.taskyard.core.enqueue.TaskRequest;
import dev.taskyard.core.task.TaskRecord;
import dev.taskyard.core.task.TaskState;
import dev.taskyard.core.testing.RedisQueue;
import dev.taskyard.core.testing.TestRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.client.codec.StringCodec;

class TaskLeasesIT {
  @RegisterExtension final RedisQueue queue = new RedisQueue();
  private final Taskyard taskyard = TestRedis.get().taskyard();
  private final TaskLeases leases = taskyard.leases();
  private final ExecutorService threads = Executors.newFixedThreadPool(8);

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  private String submit(TaskRequest request) {
    return taskyard.producer().submit(queue.name(), request).id();
  }

  private List<String> submitMany(int n) {
    List<TaskRequest> batch = IntStream.range(0, n).mapToObj(i -> aNumberedTask(i)).toList();
    return taskyard.producer().submitAll(queue.name(), batch).stream().map(Submission::id).toList();
  }

  private TaskRecord record(String id) {
    return taskyard.tasks().find(queue.name(), id).orElseThrow();
  }

  private List<String> ids(Claim claim) {
    return claim.tasks().stream().map(ClaimedTask::id).toList();
  }

  @Test
  void claimsHighestPriorityFirstAndFifoWithinAPriority() {
    String low1 = submit(aTask().withPriority(1));
    String high1 = submit(aTask().withPriority(9));
    String low2 = submit(aTask().withPriority(1));
    String mid = submit(aTask().withPriority(5));
    String high2 = submit(aTask().withPriority(9));
    String low3 = submit(aTask().withPriority(1));

    List<String> order = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      order.addAll(ids(leases.claim(queue.name(), "w", 1)));
    }

    assertThat(order).containsExactly(high1, high2, mid, low1, low2, low3);
  }

  @Test
  void claimedTaskIsRunningWithItsAttemptCountedAndLeaseDeadline() {
    String id = submit(aTask().withTimeout(Duration.ofSeconds(5)).withCorrelationId("c-1"));

    Claim claim = leases.claim(queue.name(), "worker-a", 10);

    ClaimedTask task = claim.tasks().get(0);
    assertThat(task.id()).isEqualTo(id);
    assertThat(task.attempt()).isEqualTo(1);
    assertThat(task.correlationId()).contains("c-1");
    TaskRecord record = record(id);
    assertThat(record.state()).isEqualTo(TaskState.RUNNING);
    assertThat(record.workerId()).contains("worker-a");
    assertThat(record.startedAt()).contains(claim.at());
    Double deadline =
        TestRedis.get().redisson().getScoredSortedSet(queue.keys().leased()).getScore(id);
    assertThat(deadline.longValue()).isEqualTo(claim.at().toEpochMilli() + 5000);
  }

  @Test
  void theRunningTasksOfAQueueAreTheLeasedOnesWhoseLeaseEndsFirstFirst() {
    String longer = submit(aTask().withTimeout(Duration.ofSeconds(60)));
    String shorter = submit(aTask().withTimeout(Duration.ofSeconds(5)));
    String waiting = submit(aTask());
    leases.claim(queue.name(), "worker-a", 2);

    List<TaskRecord> running = taskyard.tasks().running(queue.name(), 10);

    assertThat(running).extracting(TaskRecord::id).containsExactly(shorter, longer);
    assertThat(running).allSatisfy(r -> assertThat(r.state()).isEqualTo(TaskState.RUNNING));
    assertThat(running).extracting(TaskRecord::id).doesNotContain(waiting);
    assertThat(taskyard.tasks().running(queue.name(), 1))
        .extracting(TaskRecord::id)
        .containsExactly(shorter);
  }

  @Test
  void concurrentClaimersNeverLeaseTheSameTask() throws Exception {
    List<String> submitted = submitMany(2000);
    Callable<List<String>> claimer =
        () -> {
          List<String> mine = new ArrayList<>();
          List<String> got;
          do {
            got = ids(leases.claim(queue.name(), Thread.currentThread().getName(), 7));
            mine.addAll(got);
          } while (!got.isEmpty());
          return mine;
        };
    List<Future<List<String>>> results = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      results.add(threads.submit(claimer));
    }

    List<String> all = new ArrayList<>();
    for (Future<List<String>> r : results) {
      all.addAll(r.get());
    }
    assertThat(all).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(submitted);
  }

  @Test
  void globalConcurrencyIsNeverExceededUnderConcurrentClaims() throws Exception {
    taskyard.queues().configure(queue.name(), QueueSettings.defaults().withMaxConcurrency(5));
    submitMany(100);
    List<Future<List<String>>> results = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      results.add(threads.submit(() -> ids(leases.claim(queue.name(), "w", 3))));
    }
    List<String> leased = new ArrayList<>();
    for (Future<List<String>> r : results) {
      leased.addAll(r.get());
    }

    assertThat(leased).hasSize(5);
    assertThat(leases.claim(queue.name(), "w", 3).atConcurrencyLimit()).isTrue();

    leases.complete(
        queue.name(),
        List.of(new TaskLeases.Success(currentLease(queue.name(), leased.get(0)), null)));
    assertThat(ids(leases.claim(queue.name(), "w", 3))).hasSize(1);
  }

  @Test
  void acknowledgementOfALostLeaseIsDiscarded() {
    String id = submit(aTask());
    leases.claim(queue.name(), "w", 1);

    List<Outcome> stale =
        leases.complete(
            queue.name(), List.of(new TaskLeases.Success(new Lease(id, "another-claim"), "{}")));

    assertThat(stale).extracting(Outcome::kind).containsExactly(Outcome.Kind.LEASE_LOST);
    assertThat(record(id).state()).isEqualTo(TaskState.RUNNING);
  }

  @Test
  void successStoresResultAndEndsSucceeded() {
    String id = submit(aTask());
    leases.claim(queue.name(), "w", 1);

    List<Outcome> done =
        leases.complete(
            queue.name(),
            List.of(new TaskLeases.Success(currentLease(queue.name(), id), "{\"sum\":3}")));

    assertThat(done).extracting(Outcome::kind).containsExactly(Outcome.Kind.SUCCEEDED);
    TaskRecord record = record(id);
    assertThat(record.state()).isEqualTo(TaskState.SUCCEEDED);
    assertThat(record.result()).contains("{\"sum\":3}");
    assertThat(record.finishedAt()).isPresent();
  }

  @Test
  void usageGivenWithAnOutcomeIsStoredOnTheTask() {
    List<String> ids = submitMany(5);
    leases.claim(queue.name(), "w", 5);
    Duration cpu = Duration.ofNanos(1_234_567_000);
    long bytes = 10_485_760;
    AttemptUsage used = new AttemptUsage(cpu, bytes);

    leases.complete(
        queue.name(),
        List.of(
            new TaskLeases.Success(currentLease(queue.name(), ids.get(0)), "{}", used),
            new TaskLeases.Success(currentLease(queue.name(), ids.get(1)), null),
            new TaskLeases.Success(
                currentLease(queue.name(), ids.get(4)), null, new AttemptUsage(null, bytes))));
    leases.fail(
        queue.name(),
        List.of(
            new TaskLeases.Failure(currentLease(queue.name(), ids.get(2)), "again", "", true, used),
            new TaskLeases.Failure(
                currentLease(queue.name(), ids.get(3)), "never", "", false, used)));

    List<TaskRecord> records = taskyard.tasks().findAll(queue.name(), ids);
    assertThat(records)
        .extracting(TaskRecord::state, TaskRecord::cpuTime, TaskRecord::allocatedBytes)
        .containsExactly(
            tuple(TaskState.SUCCEEDED, Optional.of(cpu), Optional.of(bytes)),
            tuple(TaskState.SUCCEEDED, Optional.empty(), Optional.empty()),
            tuple(TaskState.SCHEDULED, Optional.of(cpu), Optional.of(bytes)),
            tuple(TaskState.FAILED, Optional.of(cpu), Optional.of(bytes)),
            tuple(TaskState.SUCCEEDED, Optional.empty(), Optional.of(bytes)));
    assertThat(records).allSatisfy(r -> assertThat(r.duration()).isPresent());
    assertThat(records.get(0).result()).contains("{}");
  }

  @Test
  void taskCancelledWhileRunningKeepsItsUsageAndError() {
    List<String> ids = submitMany(2);
    leases.claim(queue.name(), "w", 2);
    ids.forEach(id -> taskyard.control().cancel(queue.name(), id));
    Duration cpu = Duration.ofMillis(30);
    AttemptUsage used = new AttemptUsage(cpu, 4096L);

    leases.complete(
        queue.name(),
        List.of(new TaskLeases.Success(currentLease(queue.name(), ids.get(0)), "{}", used)));
    leases.fail(
        queue.name(),
        List.of(
            new TaskLeases.Failure(
                currentLease(queue.name(), ids.get(1)), "stopped", "at x", true, used)));

    assertThat(taskyard.tasks().findAll(queue.name(), ids))
        .extracting(
            TaskRecord::state, TaskRecord::cpuTime, TaskRecord::allocatedBytes, TaskRecord::error)
        .containsExactly(
            tuple(TaskState.CANCELLED, Optional.of(cpu), Optional.of(4096L), Optional.empty()),
            tuple(
                TaskState.CANCELLED, Optional.of(cpu), Optional.of(4096L), Optional.of("stopped")));
    assertThat(record(ids.get(1)).stackTrace()).contains("at x");
  }

  @Test
  void failuresAreRetriedAfterExponentialBackoffThenDeadLettered() {
    taskyard
        .queues()
        .configure(
            queue.name(),
            QueueSettings.defaults()
                .withMaxAttempts(4)
                .withBackoff(Duration.ofMillis(40), Duration.ofMillis(100), 0));
    String id = submit(aTask());
    List<Long> delays = new ArrayList<>();

    for (int attempt = 1; attempt <= 4; attempt++) {
      Claim claim =
          await()
              .atMost(Duration.ofSeconds(5))
              .until(() -> leases.claim(queue.name(), "w", 1), c -> !c.tasks().isEmpty());
      assertThat(claim.tasks().get(0).attempt()).isEqualTo(attempt);
      Outcome outcome =
          leases
              .fail(
                  queue.name(),
                  List.of(
                      new TaskLeases.Failure(
                          Lease.of(claim.tasks().get(0)), "boom " + attempt, "at x", true)))
              .get(0);
      TaskRecord record = record(id);
      if (attempt < 4) {
        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.RETRY_SCHEDULED);
        assertThat(record.state()).isEqualTo(TaskState.SCHEDULED);
        delays.add(
            Duration.between(record.failedAt().orElseThrow(), outcome.retryAt().orElseThrow())
                .toMillis());
      } else {
        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.DEAD_LETTERED);
        assertThat(record.state()).isEqualTo(TaskState.FAILED);
        assertThat(record.error()).contains("boom 4");
        assertThat(record.stackTrace()).contains("at x");
      }
    }

    assertThat(delays).containsExactly(40L, 80L, 100L);
    assertThat(taskyard.deadLetters().list(queue.name(), 0, 10))
        .extracting(TaskRecord::id)
        .containsExactly(id);
    assertThat(taskyard.stats().status(queue.name()).totals())
        .satisfies(
            t -> {
              assertThat(t.failed()).isEqualTo(4);
              assertThat(t.retried()).isEqualTo(3);
              assertThat(t.deadLettered()).isEqualTo(1);
            });
  }

  @Test
  void jitterShortensTheBackoffWithinItsShare() {
    taskyard
        .queues()
        .configure(
            queue.name(),
            QueueSettings.defaults()
                .withBackoff(Duration.ofSeconds(10), Duration.ofSeconds(10), 0.5));
    List<String> ids = submitMany(20);
    leases.claim(queue.name(), "w", 20);

    List<Outcome> outcomes =
        leases.fail(
            queue.name(),
            ids.stream()
                .map(id -> new TaskLeases.Failure(currentLease(queue.name(), id), "e", "", true))
                .toList());

    for (int i = 0; i < ids.size(); i++) {
      long delay =
          Duration.between(
                  record(ids.get(i)).failedAt().orElseThrow(),
                  outcomes.get(i).retryAt().orElseThrow())
              .toMillis();
      assertThat(delay).isBetween(5000L, 10000L);
    }
  }

  @Test
  void nonRetryableFailureIsDeadLetteredAtOnce() {
    String id = submit(aTask());
    leases.claim(queue.name(), "w", 1);

    Outcome outcome =
        leases
            .fail(
                queue.name(),
                List.of(
                    new TaskLeases.Failure(currentLease(queue.name(), id), "bad input", "", false)))
            .get(0);

    assertThat(outcome.kind()).isEqualTo(Outcome.Kind.DEAD_LETTERED);
    assertThat(record(id).state()).isEqualTo(TaskState.FAILED);
  }

  @Test
  void expiredLeaseReturnsTaskToQueue() {
    String id = submit(aTask().withTimeout(Duration.ofSeconds(1)));
    leases.claim(queue.name(), "dead-worker", 1);

    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> leases.maintain(queue.name(), 100).requeued() == 1);

    assertThat(record(id).state()).isEqualTo(TaskState.QUEUED);
    ClaimedTask again = leases.claim(queue.name(), "live-worker", 1).tasks().get(0);
    assertThat(again.id()).isEqualTo(id);
    assertThat(again.attempt()).isEqualTo(2);
    assertThat(taskyard.stats().status(queue.name()).totals().leasesExpired()).isEqualTo(1);
  }

  @Test
  void expiredLeaseWithNoAttemptsLeftEndsExpiredInDeadLetters() {
    String id = submit(aTask().withTimeout(Duration.ofSeconds(1)).withMaxAttempts(1));
    leases.claim(queue.name(), "dead-worker", 1);

    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> leases.maintain(queue.name(), 100).expired() == 1);

    TaskRecord record = record(id);
    assertThat(record.state()).isEqualTo(TaskState.EXPIRED);
    assertThat(record.error()).hasValueSatisfying(e -> assertThat(e).contains("Lease expired"));
    assertThat(taskyard.deadLetters().count(queue.name())).isEqualTo(1);
  }

  @Test
  void extendingALeaseMovesItsDeadline() {
    submit(aTask().withTimeout(Duration.ofSeconds(2)));
    ClaimedTask task = leases.claim(queue.name(), "w", 1).tasks().get(0);
    var leased = TestRedis.get().redisson().getScoredSortedSet(queue.keys().leased());
    double before = leased.getScore(task.id());

    await()
        .atMost(Duration.ofSeconds(2))
        .until(
            () -> {
              assertThat(leases.extend(queue.name(), List.of(task)))
                  .containsExactly(TaskLeases.LeaseState.HELD);
              return leased.getScore(task.id()) > before;
            });
  }

  @Test
  void extendingALostLeaseReportsItLost() {
    String id = submit(aTask());
    ClaimedTask task = leases.claim(queue.name(), "w", 1).tasks().get(0);
    leases.complete(
        queue.name(), List.of(new TaskLeases.Success(currentLease(queue.name(), id), null)));

    assertThat(leases.extend(queue.name(), List.of(task)))
        .containsExactly(TaskLeases.LeaseState.LOST);
  }

  @Test
  void releasedTaskGoesBackUnrunWithItsAttemptNotCounted() {
    String first = submit(aTask());
    String second = submit(aTask());
    leases.claim(queue.name(), "w", 1);

    leases.release(queue.name(), List.of(currentLease(queue.name(), first)));

    TaskRecord record = record(first);
    assertThat(record.state()).isEqualTo(TaskState.QUEUED);
    assertThat(record.attempts()).isZero();
    assertThat(ids(leases.claim(queue.name(), "w", 2))).containsExactly(first, second);
  }

  @Test
  void dueScheduledTaskIsPromotedByTheNextClaim() {
    String id = submit(aTask().withDelay(Duration.ofMillis(200)));
    Claim early = leases.claim(queue.name(), "w", 1);
    assertThat(early.tasks()).isEmpty();
    assertThat(early.nextDue()).isPresent();

    Claim later =
        await()
            .atMost(Duration.ofSeconds(5))
            .until(() -> leases.claim(queue.name(), "w", 1), c -> !c.tasks().isEmpty());

    assertThat(ids(later)).containsExactly(id);
    assertThat(later.at()).isAfterOrEqualTo(early.nextDue().orElseThrow());
  }

  @Test
  void pausedQueueLeasesNothingUntilResumed() {
    String id = submit(aTask());
    taskyard.queues().pause(queue.name());

    assertThat(leases.claim(queue.name(), "w", 1).tasks()).isEmpty();
    assertThat(taskyard.stats().status(queue.name()).paused()).isTrue();

    taskyard.queues().resume(queue.name());
    assertThat(ids(leases.claim(queue.name(), "w", 1))).containsExactly(id);
  }

  @Test
  void progressIsStoredWhileTheLeaseIsHeld() {
    String id = submit(aTask());
    leases.claim(queue.name(), "w", 1);

    assertThat(
            leases.progress(
                queue.name(),
                List.of(currentLease(queue.name(), id)),
                List.of(40),
                List.of("half")))
        .containsExactly(true);
    assertThat(
            leases.progress(
                queue.name(), List.of(new Lease(id, "another-claim")), List.of(90), List.of("x")))
        .containsExactly(false);

    TaskRecord record = record(id);
    assertThat(record.progress()).contains(40);
    assertThat(record.progressMessage()).contains("half");
  }

  @Test
  void finishedTasksPastRetentionAreDeleted() {
    taskyard
        .queues()
        .configure(queue.name(), QueueSettings.defaults().withRetention(Duration.ZERO));
    String id = submit(aTask());
    leases.claim(queue.name(), "w", 1);
    leases.complete(
        queue.name(), List.of(new TaskLeases.Success(currentLease(queue.name(), id), null)));

    await()
        .atMost(Duration.ofSeconds(2))
        .until(() -> leases.maintain(queue.name(), 100).trimmed() == 1);

    assertThat(taskyard.tasks().find(queue.name(), id)).isEmpty();
  }

  @Test
  void retentionDeletesInBoundedStepsAndSaysWhenMoreIsLeft() {
    taskyard
        .queues()
        .configure(queue.name(), QueueSettings.defaults().withRetention(Duration.ZERO));
    List<String> ids = submitMany(5);
    List<TaskLeases.Success> done = new ArrayList<>();
    for (ClaimedTask t : leases.claim(queue.name(), "w", 5).tasks()) {
      done.add(new TaskLeases.Success(Lease.of(t), null));
    }
    leases.complete(queue.name(), done);

    TaskLeases.Upkeep first = leases.maintain(queue.name(), 2);
    TaskLeases.Upkeep second = leases.maintain(queue.name(), 2);
    TaskLeases.Upkeep last = leases.maintain(queue.name(), 2);

    assertThat(List.of(first, second, last))
        .extracting(TaskLeases.Upkeep::trimmed, TaskLeases.Upkeep::more)
        .containsExactly(tuple(2L, true), tuple(2L, true), tuple(1L, false));
    assertThat(taskyard.tasks().findAll(queue.name(), ids)).isEmpty();
  }

  @Test
  void aQueuedTaskWhoseRecordIsGoneIsDroppedAsALostEventAndCounted() {
    String kept = submit(aNumberedTask(1));
    String gone = submit(aNumberedTask(2));
    TestRedis.get().redisson().getKeys().delete(queue.keys().task(gone));

    Claim claim = leases.claim(queue.name(), "w", 10);

    assertThat(ids(claim)).containsExactly(kept);
    assertThat(taskyard.stats().status(queue.name()).queued()).isZero();
    assertThat(taskyard.stats().status(queue.name()).totals().recordsLost()).isEqualTo(1);
    assertThat(taskyard.events().read(queue.name(), "0", 100))
        .filteredOn(e -> e.type().equals("lost"))
        .singleElement()
        .satisfies(e -> assertThat(e.taskIds()).containsExactly(gone));
  }

  @Test
  void aDueTaskWhoseRecordIsGoneIsDroppedAsALostEventAndCounted() {
    String gone = submit(aNumberedTask(1).withDelay(Duration.ofMillis(1)));
    TestRedis.get().redisson().getKeys().delete(queue.keys().task(gone));

    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () -> {
              leases.maintain(queue.name(), 100);
              return taskyard.stats().status(queue.name()).totals().recordsLost() == 1;
            });
    assertThat(taskyard.stats().status(queue.name()).scheduled()).isZero();
    assertLostEvent(gone, "record gone when due");
  }

  @Test
  void aLeasedTaskWhoseRecordIsGoneIsDroppedAsALostEventWhenItsLeaseExpires() {
    String gone = submit(aNumberedTask(1));
    assertThat(ids(leases.claim(queue.name(), "w", 1))).containsExactly(gone);
    TestRedis.get()
        .redisson()
        .getScoredSortedSet(queue.keys().leased(), StringCodec.INSTANCE)
        .add(0, gone); // its lease is long past
    TestRedis.get().redisson().getKeys().delete(queue.keys().task(gone));

    leases.maintain(queue.name(), 100);

    assertThat(taskyard.stats().status(queue.name()).running()).isZero();
    assertThat(taskyard.stats().status(queue.name()).totals().recordsLost()).isEqualTo(1);
    assertLostEvent(gone, "record gone when its lease expired");
  }

  private void assertLostEvent(String id, String reason) {
    assertThat(taskyard.events().read(queue.name(), "0", 100))
        .filteredOn(e -> e.type().equals("lost"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.taskIds()).containsExactly(id);
              assertThat(e.details()).containsEntry("reason", reason);
            });
  }

  @Test
  void claimingFromAnEmptyQueueReturnsNothing() {
    Claim claim = leases.claim(queue.name(), "w", 10);
    assertThat(claim.tasks()).isEmpty();
    assertThat(claim.nextDue()).isEmpty();
  }
}
