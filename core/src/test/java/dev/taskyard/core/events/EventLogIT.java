package dev.taskyard.core.events;

import static dev.taskyard.core.testing.TaskFixtures.aTask;
import static dev.taskyard.core.testing.TaskFixtures.aTaskOfType;
import static dev.taskyard.core.testing.TaskFixtures.currentLease;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskyard.core.Taskyard;
import dev.taskyard.core.testing.RedisQueue;
import dev.taskyard.core.testing.TestRedis;
import dev.taskyard.core.worker.TaskLeases;
import java.util.List;
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
