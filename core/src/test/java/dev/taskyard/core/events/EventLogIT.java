package dev.taskyard.core.events;

import static dev.taskyard.core.testing.TaskFixtures.aTask;
import static dev.taskyard.core.testing.TaskFixtures.aTaskOfType;
import static dev.taskyard.core.testing.TaskFixtures.currentLease;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskyard.core.Taskyard;
import dev.taskyard.core.enqueue.Submission;
import dev.taskyard.core.testing.RedisQueue;
import dev.taskyard.core.testing.TestRedis;
import dev.taskyard.core.worker.AttemptUsage;
import dev.taskyard.core.worker.TaskLeases;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EventLogIT {
  @RegisterExtension final RedisQueue queue = new RedisQueue();
  private final Taskyard taskyard = TestRedis.get().taskyard();

  @Test
  void everyStateChangeIsAppendedToTheQueueStream() {
    String ok = taskyard.producer().submit(queue.name(), aTask()).id();
    String bad = taskyard.producer().submit(queue.name(), aTask().withMaxAttempts(2)).id();
    taskyard.leases().claim(queue.name(), "worker-1", 2);
    taskyard
        .leases()
        .complete(
            queue.name(), List.of(new TaskLeases.Success(currentLease(queue.name(), ok), null)));
    taskyard
        .leases()
        .fail(
            queue.name(),
            List.of(new TaskLeases.Failure(currentLease(queue.name(), bad), "oops", "", true)));

    List<TaskEvent> events = taskyard.events().read(queue.name(), "0", 100);

    assertThat(events)
        .extracting(TaskEvent::type)
        .containsExactly("submitted", "submitted", "started", "succeeded", "retrying");
    assertThat(events.get(2).taskIds()).containsExactly(ok, bad);
    assertThat(events.get(2).details()).containsEntry("worker", "worker-1");
    assertThat(events.get(4).details()).containsEntry("error", "oops").containsKey("runAt");
  }

  @Test
  void eventsCarryWhatHistoryNeedsAboutEachTask() {
    taskyard
        .producer()
        .submitAll(
            queue.name(),
            List.of(
                aTaskOfType("report.build").withPriority(7).withCorrelationId("order 42"),
                aTaskOfType("mail.send").withDelay(java.time.Duration.ofHours(1))));
    taskyard.leases().claim(queue.name(), "worker-1", 1);

    List<TaskEvent> events = taskyard.events().read(queue.name(), "0", 10);

    assertThat(events.get(0).details())
        .containsEntry("types", "report.build mail.send")
        .containsEntry("states", "QUEUED SCHEDULED")
        .containsEntry("correlationIds", "[\"order 42\",\"\"]");
    assertThat(events.get(0).details().get("priorities")).startsWith("7 ");
    assertThat(events.get(1).details()).containsEntry("attempts", "1");
  }

  @Test
  void eventsThatEndAnAttemptCarryWhatItUsed() {
    List<String> ids =
        taskyard
            .producer()
            .submitAll(queue.name(), java.util.Collections.nCopies(5, aTask().withMaxAttempts(2)))
            .stream()
            .map(Submission::id)
            .toList();
    taskyard.leases().claim(queue.name(), "worker-1", 5);
    taskyard.control().cancel(queue.name(), ids.get(4));
    AttemptUsage used = new AttemptUsage(Duration.ofNanos(1_500_000), 4096L);

    taskyard
        .leases()
        .complete(
            queue.name(),
            List.of(
                new TaskLeases.Success(currentLease(queue.name(), ids.get(0)), null, used),
                new TaskLeases.Success(currentLease(queue.name(), ids.get(1)), null),
                new TaskLeases.Success(
                    currentLease(queue.name(), ids.get(4)), null, new AttemptUsage(null, 64L))));
    taskyard
        .leases()
        .fail(
            queue.name(),
            List.of(
                new TaskLeases.Failure(currentLease(queue.name(), ids.get(2)), "a", "", true, used),
                new TaskLeases.Failure(
                    currentLease(queue.name(), ids.get(3)), "b", "", false, used)));

    Map<String, TaskEvent> ends =
        taskyard.events().read(queue.name(), "0", 100).stream()
            .filter(e -> e.details().containsKey("cpu"))
            .collect(Collectors.toMap(TaskEvent::type, e -> e));
    assertThat(ends).containsOnlyKeys("succeeded", "cancelled", "retrying", "failed");
    assertThat(ends.get("succeeded").taskIds()).containsExactly(ids.get(0), ids.get(1));
    assertThat(ends.get("succeeded").details())
        .containsEntry("cpu", "1500 -")
        .containsEntry("alloc", "4096 -");
    assertThat(ends.get("cancelled").details())
        .containsEntry("cpu", "-")
        .containsEntry("alloc", "64");
    assertThat(List.of(ends.get("retrying"), ends.get("failed")))
        .allSatisfy(
            e ->
                assertThat(e.details())
                    .containsEntry("cpu", "1500")
                    .containsEntry("alloc", "4096"));
  }

  @Test
  void anAttemptNotMeasuredAddsNoUsageToItsEvent() {
    String id = taskyard.producer().submit(queue.name(), aTask()).id();
    taskyard.leases().claim(queue.name(), "worker-1", 1);
    taskyard
        .leases()
        .complete(
            queue.name(), List.of(new TaskLeases.Success(currentLease(queue.name(), id), null)));

    TaskEvent succeeded = taskyard.events().read(queue.name(), "0", 10).get(2);

    assertThat(succeeded.type()).isEqualTo("succeeded");
    assertThat(succeeded.details()).doesNotContainKeys("cpu", "alloc");
  }

  @Test
  void readingResumesAfterTheLastEntrySeen() {
    taskyard.producer().submit(queue.name(), aTask());
    TaskEvent first = taskyard.events().read(queue.name(), "0", 10).get(0);
    taskyard.producer().submit(queue.name(), aTask());

    List<TaskEvent> next = taskyard.events().read(queue.name(), first.streamId(), 10);

    assertThat(next).hasSize(1);
    assertThat(next.get(0).streamId()).isNotEqualTo(first.streamId());
  }

  @Test
  void aBatchIsOneEntry() {
    taskyard.producer().submitAll(queue.name(), java.util.Collections.nCopies(100, aTask()));

    List<TaskEvent> events = taskyard.events().read(queue.name(), "0", 10);

    assertThat(events).hasSize(1);
    assertThat(events.get(0).taskIds()).hasSize(100);
  }
}
