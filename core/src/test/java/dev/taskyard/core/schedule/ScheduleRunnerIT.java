package dev.taskyard.core.schedule;

import static dev.taskyard.core.testing.TaskFixtures.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskyard.core.Taskyard;
import dev.taskyard.core.control.QueueSettings;
import dev.taskyard.core.enqueue.TaskRequest;
import dev.taskyard.core.events.TaskEvent;
import dev.taskyard.core.task.TaskRecord;
import dev.taskyard.core.task.TaskState;
import dev.taskyard.core.testing.RedisQueue;
import dev.taskyard.core.testing.TestRedis;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ScheduleRunnerIT {
  private static final String EVERY_SECOND = "* * * * * *";

  /** Fires once a year: its latest fire time stays the same while a test runs. */
  private static final String YEARLY = "0 0 1 1 *";

  @RegisterExtension final RedisQueue queue = new RedisQueue();
  private final Taskyard taskyard = TestRedis.get().taskyard();
  private final Schedules schedules = taskyard.schedules();
  private final ScheduleProbe probe = new ScheduleProbe(queue);

  @Test
  void scheduleFiringEverySecondCreatesOneTaskAtEachFireTime() {
    TaskRequest template =
        TaskRequest.of("report.build", "{\"n\":1}")
            .withPriority(7)
            .withMaxAttempts(9)
            .withTimeout(Duration.ofMinutes(2))
            .withCorrelationId("nightly");
    schedules.create(queue.name(), "tick", ScheduleDefinition.of(EVERY_SECOND, template));

    try (ScheduleRunner runner = taskyard.scheduler().start()) {
      await().atMost(Duration.ofSeconds(30)).until(() -> probe.tasks().size() >= 3);
    }

    List<TaskRecord> tasks = probe.tasks();
    assertConsecutiveSeconds(probe.fireTimes());
    for (TaskRecord task : tasks) {
      assertThat(task.createdAt()).isAfterOrEqualTo(ScheduleProbe.fireTime(task));
      assertThat(task.idempotencyKey()).contains("schedule:tick:" + fireMs(task));
      assertThat(task)
          .extracting(
              TaskRecord::type,
              TaskRecord::payload,
              TaskRecord::priority,
              TaskRecord::maxAttempts,
              TaskRecord::timeoutMs,
              TaskRecord::state)
          .containsExactly("report.build", "{\"n\":1}", 7, 9, 120_000L, TaskState.QUEUED);
      assertThat(task.correlationId()).contains("nightly");
    }
    Schedule schedule = schedules.get(queue.name(), "tick").orElseThrow();
    Instant last = ScheduleProbe.fireTime(tasks.get(tasks.size() - 1));
    assertThat(schedule.lastFireAt()).contains(last);
    assertThat(schedule.nextFireAt()).contains(last.plusSeconds(1));
  }

  @Test
  void eachFireAppendsSubmittedAndScheduleFiredEvents() {
    schedules.create(queue.name(), "s", ScheduleDefinition.of(YEARLY, aTask()));
    Instant due = CronTimes.parse(YEARLY, ZoneOffset.UTC).latest(probe.redisNow()).get();
    probe.setNextFire("s", due);

    assertThat(taskyard.scheduler().fireDue()).isEqualTo(1);

    String id = probe.tasks().get(0).id();
    List<TaskEvent> events =
        taskyard.events().read(queue.name(), "0", 10).stream()
            .filter(e -> !e.taskIds().isEmpty()) // task events only, not schedule-created
            .toList();
    assertThat(events).extracting(TaskEvent::type).containsExactly("submitted", "schedule-fired");
    assertThat(events).allSatisfy(e -> assertThat(e.taskIds()).containsExactly(id));
    assertThat(events.get(1).details())
        .containsEntry("schedule", "s")
        .containsEntry("fireAt", Long.toString(due.toEpochMilli()));
    assertThat(taskyard.stats().status(queue.name()).totals().enqueued()).isEqualTo(1);
  }

  @Test
  void aRunnerStartedFirstFiresAScheduleCreatedOnAnotherNodeAtOnce() {
    try (Taskyard other = TestRedis.get().newNode();
        ScheduleRunner runner = taskyard.scheduler().start()) {
      await().atMost(Duration.ofSeconds(30)).until(() -> runner.passes() >= 2);
      other.schedules().create(queue.name(), "tick", ScheduleDefinition.of(EVERY_SECOND, aTask()));

      // well before the runner's next full read: the change was announced
      await().atMost(ScheduleRunner.FULL_READ.dividedBy(2)).until(() -> probe.tasks().size() >= 2);
    }
  }

  @Test
  void idleQueuesAreNotReadOnEveryPass() {
    List<String> idle = IntStream.range(0, 100).mapToObj(i -> queue.name() + "-idle-" + i).toList();
    idle.forEach(q -> taskyard.producer().submit(q, aTask()));
    try (ScheduleRunner runner = taskyard.scheduler().start()) {
      await().atMost(Duration.ofSeconds(30)).until(() -> runner.passes() >= 2);
      long reads = runner.queueReads();
      long passes = runner.passes();

      await().atMost(Duration.ofSeconds(30)).until(() -> runner.passes() >= passes + 3);

      assertThat(runner.queueReads() - reads).isLessThan(idle.size());
    } finally {
      idle.forEach(TestRedis.get()::removeQueue);
    }
  }

  @Test
  void aRunnerReadsEveryQueueAgainOnceItsLostSubscriptionIsMadeAgain() {
    List<String> idle = IntStream.range(0, 20).mapToObj(i -> queue.name() + "-quiet-" + i).toList();
    idle.forEach(q -> taskyard.producer().submit(q, aTask()));
    try (ScheduleRunner runner = taskyard.scheduler().start()) {
      long[] since = {runner.queueReads(), runner.passes()};
      // Quiet first: two passes in a row that read fewer queues than there are.
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                if (runner.passes() < since[1] + 2) {
                  return false;
                }
                boolean quiet = runner.queueReads() - since[0] < idle.size();
                since[0] = runner.queueReads();
                since[1] = runner.passes();
                return quiet;
              });
      long reads = runner.queueReads();

      // Messages published while it was not subscribed are lost: it cannot know what changed.
      assertThat(TestRedis.get().killPubSubConnections()).isPositive();

      await()
          .atMost(ScheduleRunner.FULL_READ.dividedBy(4))
          .until(() -> runner.queueReads() - reads >= idle.size());
    } finally {
      idle.forEach(TestRedis.get()::removeQueue);
    }
  }

  @Test
  void aUserIdempotencyKeyShapedLikeAFireDoesNotSuppressThatFire() {
    schedules.create(queue.name(), "s", ScheduleDefinition.of(YEARLY, aTask()));
    Instant due = CronTimes.parse(YEARLY, ZoneOffset.UTC).latest(probe.redisNow()).get();
    probe.setNextFire("s", due);
    String users =
        taskyard
            .producer()
            .submit(queue.name(), aTask().withIdempotencyKey("schedule:s:" + due.toEpochMilli()))
            .id();

    assertThat(taskyard.scheduler().fireDue()).isEqualTo(1);

    assertThat(probe.tasks()).extracting(TaskRecord::id).hasSize(2).contains(users);
    assertThat(schedules.get(queue.name(), "s").orElseThrow().lastFireAt()).contains(due);
  }

  @Test
  void twoNodesFiringTheSameScheduleCreateOneTaskPerFireTime() {
    schedules.create(queue.name(), "tick", ScheduleDefinition.of(EVERY_SECOND, aTask()));

    try (Taskyard nodeA = TestRedis.get().newNode();
        Taskyard nodeB = TestRedis.get().newNode();
        ScheduleRunner runnerA = nodeA.scheduler().start();
        ScheduleRunner runnerB = nodeB.scheduler().start()) {
      await().atMost(Duration.ofSeconds(30)).until(() -> probe.tasks().size() >= 5);
    }

    List<Instant> fireTimes = probe.fireTimes();
    assertThat(fireTimes).doesNotHaveDuplicates();
    assertConsecutiveSeconds(fireTimes);
    assertThat(taskyard.stats().status(queue.name()).totals().enqueued())
        .isEqualTo(fireTimes.size());
  }

  @Test
  void concurrentPassesOnTwoNodesFireADueScheduleOnce() throws Exception {
    schedules.create(queue.name(), "s", ScheduleDefinition.of(YEARLY, aTask()));
    CronTimes yearly = CronTimes.parse(YEARLY, ZoneOffset.UTC);
    Instant due = yearly.latest(probe.redisNow()).get();
    probe.setNextFire("s", due);
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try (Taskyard nodeA = TestRedis.get().newNode();
        Taskyard nodeB = TestRedis.get().newNode()) {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Integer>> passes = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        ScheduleRunner runner = (i % 2 == 0 ? nodeA : nodeB).scheduler();
        Callable<Integer> pass =
            () -> {
              go.await();
              return runner.fireDue();
            };
        passes.add(threads.submit(pass));
      }
      go.countDown();
      int created = 0;
      for (Future<Integer> p : passes) {
        created += p.get();
      }

      assertThat(created).isEqualTo(1);
    } finally {
      threads.shutdownNow();
    }
    assertThat(probe.fireTimes()).containsExactly(due);
    assertThat(schedules.get(queue.name(), "s").orElseThrow().nextFireAt())
        .contains(yearly.next(due));
  }

  @Test
  void runnerThatLaggedWithinTheThresholdFiresEveryFireTimeItMissed() {
    schedules.create(queue.name(), "tick", ScheduleDefinition.of(EVERY_SECOND, aTask()));
    Instant lagged = probe.redisNow().minusSeconds(5).truncatedTo(ChronoUnit.SECONDS);
    probe.setNextFire("tick", lagged);

    int created = taskyard.scheduler().fireDue();

    List<Instant> fireTimes = probe.fireTimes();
    assertThat(created).isEqualTo(fireTimes.size()).isGreaterThanOrEqualTo(6);
    assertThat(fireTimes.get(0)).isEqualTo(lagged);
    assertConsecutiveSeconds(fireTimes);
  }

  @Test
  void afterDowntimeFireOnceCreatesOneTaskForTheLatestMissedFireTime() {
    CronTimes everyMinute = CronTimes.parse("* * * * *", ZoneOffset.UTC);
    schedules.create(queue.name(), "m", ScheduleDefinition.of("* * * * *", aTask()));
    Instant before = probe.redisNow();
    probe.setNextFire("m", everyMinute.latest(before.minus(Duration.ofMinutes(10))).get());

    assertThat(taskyard.scheduler().fireDue()).isEqualTo(1);

    Instant after = probe.redisNow();
    Instant fired = probe.fireTimes().get(0);
    assertThat(fired).isBetween(everyMinute.latest(before).get(), everyMinute.latest(after).get());
    Schedule schedule = schedules.get(queue.name(), "m").orElseThrow();
    assertThat(schedule.lastFireAt()).contains(fired);
    assertThat(schedule.nextFireAt()).contains(everyMinute.next(fired));
  }

  @Test
  void afterDowntimeSkipCreatesNoTaskAndGoesOnFromNow() {
    CronTimes everyMinute = CronTimes.parse("* * * * *", ZoneOffset.UTC);
    schedules.create(
        queue.name(),
        "m",
        ScheduleDefinition.of("* * * * *", aTask()).withMissedFires(MissedFirePolicy.SKIP));
    Instant before = probe.redisNow();
    probe.setNextFire("m", before.minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MINUTES));

    assertThat(taskyard.scheduler().fireDue()).isZero();

    Schedule schedule = schedules.get(queue.name(), "m").orElseThrow();
    assertThat(probe.tasks()).isEmpty();
    assertThat(schedule.lastFireAt()).isEmpty();
    assertThat(schedule.nextFireAt().orElseThrow())
        .isBetween(everyMinute.next(before), everyMinute.next(probe.redisNow()));
  }

  @Test
  void pausedScheduleFiresNothingUntilResumed() {
    schedules.create(queue.name(), "tick", ScheduleDefinition.of(EVERY_SECOND, aTask()));
    schedules.pause(queue.name(), "tick");
    ScheduleRunner runner = taskyard.scheduler();

    assertThat(runner.fireDue()).isZero();

    Schedule resumed = schedules.resume(queue.name(), "tick");
    probe.setNextFire("tick", resumed.nextFireAt().orElseThrow().minusSeconds(1));
    assertThat(runner.fireDue()).isPositive();
  }

  @Test
  void fireOfAScheduleChangedSinceItWasReadIsRefused() {
    schedules.create(queue.name(), "s", ScheduleDefinition.of("0 * * * *", aTask()));
    probe.setNextFire("s", Instant.parse("2026-01-01T10:00:00Z"));
    Schedule read = schedules.due(queue.name(), 10).schedules().get(0);
    FirePlan plan = new FirePlan(read.nextFireAt(), Instant.parse("2026-01-01T11:00:00Z"));
    schedules.update(queue.name(), "s", read.definition().withTask(aTask().withPriority(3)));

    assertThat(schedules.fire(read, plan).done()).isFalse();
    assertThat(probe.tasks()).isEmpty();

    Schedule reread = schedules.due(queue.name(), 10).schedules().get(0);
    assertThat(schedules.fire(reread, plan).done()).isTrue();
    assertThat(schedules.fire(reread, plan).done()).as("the same fire again").isFalse();
    assertThat(probe.tasks()).extracting(TaskRecord::priority).containsExactly(3);
  }

  @Test
  void fireTimePlannedAgainCreatesNoSecondTask() {
    schedules.create(queue.name(), "s", ScheduleDefinition.of("0 * * * *", aTask()));
    Instant due = Instant.parse("2026-01-01T10:00:00Z");
    FirePlan plan = new FirePlan(Optional.of(due), Instant.parse("2099-01-01T00:00:00Z"));
    probe.setNextFire("s", due);
    Schedules.Fired first =
        schedules.fire(schedules.due(queue.name(), 10).schedules().get(0), plan);

    probe.setNextFire("s", due);
    Schedules.Fired again =
        schedules.fire(schedules.due(queue.name(), 10).schedules().get(0), plan);

    assertThat(again.done()).isTrue();
    assertThat(again.created()).isFalse();
    assertThat(first.created()).isTrue();
    assertThat(again.taskId()).isEqualTo(first.taskId()).isPresent();
    assertThat(probe.tasks()).hasSize(1);
  }

  @Test
  void fireWaitsWhileTheQueueIsFull() {
    taskyard.queues().configure(queue.name(), QueueSettings.defaults().withCapacity(1));
    String blocker = taskyard.producer().submit(queue.name(), aTask()).id();
    schedules.create(queue.name(), "s", ScheduleDefinition.of(YEARLY, aTask()));
    Instant due = CronTimes.parse(YEARLY, ZoneOffset.UTC).latest(probe.redisNow()).get();
    probe.setNextFire("s", due);
    ScheduleRunner runner = taskyard.scheduler();

    assertThat(runner.fireDue()).isZero();
    assertThat(schedules.get(queue.name(), "s").orElseThrow().nextFireAt()).contains(due);

    taskyard.control().cancel(queue.name(), blocker);
    assertThat(runner.fireDue()).isEqualTo(1);
  }

  private static void assertConsecutiveSeconds(List<Instant> fireTimes) {
    assertThat(fireTimes).isNotEmpty();
    for (int i = 0; i < fireTimes.size(); i++) {
      assertThat(fireTimes.get(i)).isEqualTo(fireTimes.get(0).plusSeconds(i));
    }
  }

  private static long fireMs(TaskRecord task) {
    return ScheduleProbe.fireTime(task).toEpochMilli();
  }
}
