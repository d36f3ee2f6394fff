package dev.taskyard.core.deadletter;

import static dev.taskyard.core.testing.TaskFixtures.aNumberedTask;
import static dev.taskyard.core.testing.TaskFixtures.currentLease;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskyard.core.InvalidInputException;
import dev.taskyard.core.Taskyard;
import dev.taskyard.core.control.DeadLetterRetention;
import dev.taskyard.core.control.QueueSettings;
import dev.taskyard.core.task.TaskRecord;
import dev.taskyard.core.task.TaskState;
import dev.taskyard.core.testing.RedisQueue;
import dev.taskyard.core.testing.TestRedis;
import dev.taskyard.core.worker.ClaimedTask;
import dev.taskyard.core.worker.TaskLeases;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DeadLettersIT {
  @RegisterExtension final RedisQueue queue = new RedisQueue();
  private final Taskyard taskyard = TestRedis.get().taskyard();

  /** Dead-letters n tasks one after another; returns their ids in that order. */
  private List<String> deadLetter(int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      taskyard.producer().submit(queue.name(), aNumberedTask(i).withMaxAttempts(1));
      ClaimedTask t = taskyard.leases().claim(queue.name(), "w", 1).tasks().get(0);
      taskyard
          .leases()
          .fail(
              queue.name(),
              List.of(
                  new TaskLeases.Failure(
                      currentLease(queue.name(), t.id()), "failed " + i, "", true)));
      ids.add(t.id());
    }
    return ids;
  }

  @Test
  void listsDeadLetteredTasksMostRecentFirst() {
    List<String> ids = deadLetter(3);

    List<TaskRecord> page = taskyard.deadLetters().list(queue.name(), 0, 2);

    assertThat(page).extracting(TaskRecord::id).containsExactly(ids.get(2), ids.get(1));
    assertThat(page.get(0).error()).contains("failed 2");
    assertThat(taskyard.deadLetters().list(queue.name(), 2, 2))
        .extracting(TaskRecord::id)
        .containsExactly(ids.get(0));
  }

  @Test
  void recentDeadLettersAreCountedFromTheFirstWithTheLatestTask() {
    Instant before = Instant.now().minusSeconds(60);
    List<String> ids = deadLetter(3);

    DeadLetters.Recent recent = taskyard.deadLetters().since(queue.name(), before);

    assertThat(recent.count()).isEqualTo(3);
    assertThat(recent.first()).isAfter(before).isBeforeOrEqualTo(Instant.now());
    assertThat(recent.latest().id()).isEqualTo(ids.get(2));
    assertThat(recent.latest().error()).contains("failed 2");
    DeadLetters.Recent none =
        taskyard.deadLetters().since(queue.name(), Instant.now().plusSeconds(60));
    assertThat(none).isEqualTo(new DeadLetters.Recent(0, null, null));
  }

  @Test
  void replayPutsTasksBackWithFreshAttemptsWhoseNumbersGoOn() {
    List<String> ids = deadLetter(2);

    List<String> replayed =
        taskyard.deadLetters().replay(queue.name(), List.of(ids.get(0), "no-such-id"));

    assertThat(replayed).containsExactly(ids.get(0));
    TaskRecord record = taskyard.tasks().find(queue.name(), ids.get(0)).orElseThrow();
    assertThat(record.state()).isEqualTo(TaskState.QUEUED);
    // One attempt used, one more granted (it was first given one): attempt numbers go on, so
    // the new run's lease (id, 2) can never be mistaken for the old one's.
    assertThat(record.attempts()).isEqualTo(1);
    assertThat(record.maxAttempts()).isEqualTo(2);
    assertThat(taskyard.deadLetters().count(queue.name())).isEqualTo(1);
    ClaimedTask again = taskyard.leases().claim(queue.name(), "w", 1).tasks().get(0);
    assertThat(again.id()).isEqualTo(ids.get(0));
    assertThat(again.attempt()).isEqualTo(2);
  }

  @Test
  void replayAllTakesTheOldestFirst() {
    List<String> ids = deadLetter(3);

    assertThat(taskyard.deadLetters().replayAll(queue.name(), 2))
        .containsExactly(ids.get(0), ids.get(1));
    assertThat(taskyard.stats().status(queue.name()).totals().replayed()).isEqualTo(2);
  }

  @Test
  void badPagingIsRejected() {
    assertThatThrownBy(() -> taskyard.deadLetters().list(queue.name(), -1, 10))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("offset");
    assertThatThrownBy(() -> taskyard.deadLetters().list(queue.name(), 0, 0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("limit");
  }

  private void keepDeadLetters(Duration maxAge, long maxCount) {
    taskyard
        .queues()
        .configure(
            queue.name(),
            QueueSettings.defaults().withDeadLetters(new DeadLetterRetention(maxAge, maxCount)));
  }

  @Test
  void deadLettersPastTheirMaxAgeAreDeletedByTheUpkeep() {
    keepDeadLetters(Duration.ZERO, 0);
    List<String> ids = deadLetter(3);

    TaskLeases.Upkeep upkeep = taskyard.leases().maintain(queue.name(), 100);

    assertThat(upkeep.deadLettersTrimmed()).isEqualTo(3);
    assertThat(taskyard.deadLetters().count(queue.name())).isZero();
    assertThat(taskyard.tasks().findAll(queue.name(), ids)).isEmpty();
    assertThat(taskyard.stats().status(queue.name()).totals().deadLettersTrimmed()).isEqualTo(3);
  }

  @Test
  void onlyTheNewestDeadLettersUpToTheMaxCountAreKept() {
    keepDeadLetters(Duration.ofDays(1), 2);
    List<String> ids = deadLetter(5);

    taskyard.leases().maintain(queue.name(), 100);

    assertThat(taskyard.deadLetters().list(queue.name(), 0, 10))
        .extracting(TaskRecord::id)
        .containsExactly(ids.get(4), ids.get(3));
    assertThat(taskyard.tasks().findAll(queue.name(), ids.subList(0, 3))).isEmpty();
  }

  @Test
  void deadLettersWithinTheirAgeAndCountAreKept() {
    keepDeadLetters(Duration.ofDays(1), 3);
    List<String> ids = deadLetter(3);

    TaskLeases.Upkeep upkeep = taskyard.leases().maintain(queue.name(), 100);

    assertThat(upkeep.deadLettersTrimmed()).isZero();
    assertThat(taskyard.deadLetters().list(queue.name(), 0, 10))
        .extracting(TaskRecord::id)
        .containsExactlyInAnyOrderElementsOf(ids);
  }

  @Test
  void deadLetterRetentionDeletesInBoundedStepsAndSaysWhenMoreIsLeft() {
    keepDeadLetters(Duration.ofDays(1), 1);
    deadLetter(4);

    TaskLeases.Upkeep first = taskyard.leases().maintain(queue.name(), 2);
    TaskLeases.Upkeep last = taskyard.leases().maintain(queue.name(), 2);

    assertThat(first.deadLettersTrimmed()).isEqualTo(2);
    assertThat(first.more()).isTrue();
    assertThat(last.deadLettersTrimmed()).isEqualTo(1);
    assertThat(last.more()).isFalse();
    assertThat(taskyard.deadLetters().count(queue.name())).isEqualTo(1);
  }
}
