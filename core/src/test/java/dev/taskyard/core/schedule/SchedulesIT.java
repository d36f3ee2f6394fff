package dev.taskyard.core.schedule;

import static dev.taskyard.core.testing.TaskFixtures.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.taskyard.core.InvalidInputException;
import dev.taskyard.core.Taskyard;
import dev.taskyard.core.control.UnknownQueueException;
import dev.taskyard.core.enqueue.TaskRequest;
import dev.taskyard.core.events.TaskEvent;
import dev.taskyard.core.testing.RedisQueue;
import dev.taskyard.core.testing.TestRedis;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SchedulesIT {
  private static final ScheduleDefinition HOURLY = ScheduleDefinition.of("0 * * * *", aTask());
  private static final CronTimes HOURLY_TIMES = HOURLY.times();

  @RegisterExtension final RedisQueue queue = new RedisQueue();
  @RegisterExtension final RedisQueue other = new RedisQueue();
  private final Taskyard taskyard = TestRedis.get().taskyard();
  private final Schedules schedules = taskyard.schedules();
  private final ScheduleProbe probe = new ScheduleProbe(queue);

  @Test
  void schedulesOfSeveralQueuesAreListedPerQueueByName() {
    schedules.create(queue.name(), "b", HOURLY);
    schedules.create(queue.name(), "a", HOURLY);
    taskyard.producer().submit(other.name(), aTask());

    var listed = schedules.list(List.of(queue.name(), other.name()));

    assertThat(listed.keySet()).containsExactly(queue.name(), other.name());
    assertThat(listed.get(queue.name())).isEqualTo(schedules.list(queue.name()));
    assertThat(listed.get(queue.name())).extracting(Schedule::name).containsExactly("a", "b");
    assertThat(listed.get(other.name())).isEmpty();
  }

  @Test
  void createdScheduleIsListedWithItsNextFireTime() {
    Instant before = probe.redisNow();

    Schedule created = schedules.create(queue.name(), "hourly", HOURLY);

    Instant after = probe.redisNow();
    assertThat(created.definition()).isEqualTo(HOURLY);
    assertThat(created.paused()).isFalse();
    assertThat(created.createdAt()).isBetween(before, after).isEqualTo(created.updatedAt());
    assertThat(created.lastFireAt()).isEmpty();
    assertThat(created.nextFireAt().orElseThrow())
        .isBetween(HOURLY_TIMES.next(before), HOURLY_TIMES.next(after));
    assertThat(schedules.list(queue.name())).containsExactly(created);
    assertThat(schedules.get(queue.name(), "hourly")).contains(created);
    assertThat(taskyard.queues().queues()).contains(queue.name());
  }

  @Test
  void listHoldsEveryScheduleOfTheQueueByName() {
    schedules.create(queue.name(), "b", HOURLY);
    schedules.create(queue.name(), "a", HOURLY.withCron("*/5 * * * * *"));
    schedules.pause(queue.name(), "b");

    assertThat(schedules.list(queue.name()))
        .extracting(Schedule::name, Schedule::paused)
        .containsExactly(tuple("a", false), tuple("b", true));
    assertThat(schedules.list("never-used-" + queue.name())).isEmpty();
  }

  @Test
  void secondCreateOfOneNameIsRefusedAndChangesNothing() {
    Schedule first = schedules.create(queue.name(), "hourly", HOURLY);

    assertThatThrownBy(() -> schedules.create(queue.name(), "hourly", HOURLY.withCron("* * * * *")))
        .isInstanceOf(ScheduleExistsException.class)
        .hasMessageContaining("'hourly'");
    assertThat(schedules.get(queue.name(), "hourly")).contains(first);
  }

  @Test
  void updateOfTheTemplateKeepsThePlannedFireTimeAndANewCronPlansAgain() {
    schedules.create(queue.name(), "s", HOURLY);
    Instant planned = Instant.parse("2099-01-01T00:00:00Z");
    probe.setNextFire("s", planned);
    TaskRequest report = TaskRequest.of("report.build", "{\"full\":true}").withPriority(9);

    Schedule templated =
        schedules.update(
            queue.name(), "s", HOURLY.withTask(report).withMissedFires(MissedFirePolicy.SKIP));

    assertThat(templated.nextFireAt()).contains(planned);
    assertThat(templated.definition().task()).isEqualTo(report);
    assertThat(templated.definition().missedFires()).isEqualTo(MissedFirePolicy.SKIP);
    assertThat(templated.revision()).isEqualTo(2);
    assertThat(templated.updatedAt()).isAfterOrEqualTo(templated.createdAt());

    Instant before = probe.redisNow();
    Schedule replanned =
        schedules.update(queue.name(), "s", templated.definition().withCron("30 * * * *"));

    CronTimes halfPast = CronTimes.parse("30 * * * *", ZoneOffset.UTC);
    assertThat(replanned.nextFireAt().orElseThrow())
        .isBetween(halfPast.next(before), halfPast.next(probe.redisNow()));
    assertThat(replanned.definition().task()).isEqualTo(report);
  }

  @Test
  void updateRemovesTemplateSettingsNoLongerGiven() {
    schedules.create(
        queue.name(), "s", HOURLY.withTask(aTask().withPriority(5).withCorrelationId("c")));

    Schedule updated = schedules.update(queue.name(), "s", HOURLY);

    assertThat(updated.definition().task()).isEqualTo(aTask());
  }

  @Test
  void pausedScheduleHasNoNextFireTimeAndResumePlansFromNow() {
    schedules.create(queue.name(), "s", HOURLY);
    probe.setNextFire("s", Instant.parse("2000-01-01T00:00:00Z"));

    Schedule paused = schedules.pause(queue.name(), "s");

    assertThat(paused.paused()).isTrue();
    assertThat(paused.nextFireAt()).isEmpty();
    assertThat(schedules.due(queue.name(), 10).schedules()).isEmpty();

    Instant before = probe.redisNow();
    Schedule resumed = schedules.resume(queue.name(), "s");

    assertThat(resumed.paused()).isFalse();
    assertThat(resumed.nextFireAt().orElseThrow())
        .isBetween(HOURLY_TIMES.next(before), HOURLY_TIMES.next(probe.redisNow()));
    assertThat(schedules.resume(queue.name(), "s")).isEqualTo(resumed);
  }

  @Test
  void deletedScheduleIsGoneWithItsKeys() {
    long keysBefore = queue.keyCount();
    schedules.create(queue.name(), "s", HOURLY);

    schedules.delete(queue.name(), "s");

    assertThat(schedules.get(queue.name(), "s")).isEmpty();
    assertThat(schedules.list(queue.name())).isEmpty();
    // The queue's config (registered) and its event stream (schedule-created, -deleted) remain,
    // and the replies of the two requests, remembered for a resend until they expire.
    assertThat(queue.keyCount()).isEqualTo(keysBefore + 2 + 2);
    assertThat(taskyard.events().read(queue.name(), "0", 10))
        .extracting(TaskEvent::type)
        .containsExactly("schedule-created", "schedule-deleted");
    assertThatThrownBy(() -> schedules.delete(queue.name(), "s"))
        .isInstanceOf(ScheduleNotFoundException.class);
  }

  @Test
  void changingAScheduleThatDoesNotExistIsRefused() {
    schedules.create(queue.name(), "other", HOURLY);

    List<Supplier<Schedule>> changes =
        List.of(
            () -> schedules.update(queue.name(), "none", HOURLY),
            () -> schedules.pause(queue.name(), "none"),
            () -> schedules.resume(queue.name(), "none"));
    for (Supplier<Schedule> change : changes) {
      assertThatThrownBy(change::get).isInstanceOf(ScheduleNotFoundException.class);
    }
    assertThat(schedules.list(queue.name())).extracting(Schedule::name).containsExactly("other");
  }

  @Test
  void changingAScheduleOfAnUnknownQueueIsRefusedAndRegistersNothing() {
    assertThatThrownBy(() -> schedules.pause(queue.name(), "s"))
        .isInstanceOf(UnknownQueueException.class);
    assertThatThrownBy(() -> schedules.update(queue.name(), "s", HOURLY))
        .isInstanceOf(UnknownQueueException.class);

    assertThat(queue.keyCount()).isZero();
    assertThat(taskyard.queues().queues()).doesNotContain(queue.name());
  }

  @Test
  void everyKindOfBadInputIsRefusedNamingTheFieldWithNothingWritten() {
    List<Supplier<Schedule>> bad =
        List.of(
            () -> schedules.create("bad{queue}", "s", HOURLY),
            () -> schedules.create(queue.name(), "bad name", HOURLY),
            () -> schedules.create(queue.name(), null, HOURLY),
            () -> schedules.create(queue.name(), "s", null),
            () -> schedules.create(queue.name(), "s", HOURLY.withCron("* * * *")),
            () -> schedules.create(queue.name(), "s", HOURLY.withCron("0 0 31 4 *")),
            () -> schedules.create(queue.name(), "s", HOURLY.withZone("Nowhere/Atlantis")),
            () -> schedules.create(queue.name(), "s", HOURLY.withTask(TaskRequest.of("t", "{x"))),
            () -> schedules.create(queue.name(), "s", HOURLY.withTask(TaskRequest.of("", "{}"))),
            () -> schedules.create(queue.name(), "s", HOURLY.withTask(aTask().withPriority(-1))),
            () ->
                schedules.create(
                    queue.name(), "s", HOURLY.withTask(aTask().withTimeout(Duration.ZERO))),
            () ->
                schedules.create(
                    queue.name(), "s", HOURLY.withTask(aTask().withDelay(Duration.ofHours(1)))),
            () -> schedules.update(queue.name(), "s", HOURLY.withTask(aTask().withMaxAttempts(0))));
    List<String> fields = new ArrayList<>();
    for (Supplier<Schedule> call : bad) {
      try {
        call.get();
      } catch (InvalidInputException e) {
        fields.add(e.field());
      }
    }

    assertThat(fields)
        .containsExactly(
            "queue",
            "name",
            "name",
            "definition",
            "cron",
            "cron",
            "zone",
            "task.payload",
            "task.type",
            "task.priority",
            "task.timeout",
            "task.delay",
            "task.maxAttempts");
    assertThat(queue.keyCount()).isZero();
    assertThat(taskyard.queues().queues()).doesNotContain(queue.name());
  }
}
