package dev.taskyard.core.stats;

import static dev.taskyard.core.testing.TaskFixtures.aTask;
import static dev.taskyard.core.testing.TaskFixtures.currentLease;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskyard.core.Taskyard;
import dev.taskyard.core.control.UnknownQueueException;
import dev.taskyard.core.testing.RedisQueue;
import dev.taskyard.core.testing.TestRedis;
import dev.taskyard.core.worker.Lease;
import dev.taskyard.core.worker.TaskLeases;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class QueueStatsIT {
  @RegisterExtension final RedisQueue queue = new RedisQueue();
  @RegisterExtension final RedisQueue other = new RedisQueue();
  private final Taskyard taskyard = TestRedis.get().taskyard();

  @Test
  void statusCountsEachStateAndTheTotals() {
    taskyard.producer().submitAll(queue.name(), Collections.nCopies(5, aTask()));
    taskyard.producer().submit(queue.name(), aTask().withDelay(Duration.ofHours(1)));
    List<String> running =
        taskyard.leases().claim(queue.name(), "w", 2).tasks().stream().map(t -> t.id()).toList();
    taskyard
        .leases()
        .complete(
            queue.name(),
            List.of(new TaskLeases.Success(currentLease(queue.name(), running.get(0)), null)));

    QueueStatus status = taskyard.stats().status(queue.name());

    assertThat(status.queued()).isEqualTo(3);
    assertThat(status.scheduled()).isEqualTo(1);
    assertThat(status.running()).isEqualTo(1);
    assertThat(status.dead()).isZero();
    assertThat(status.paused()).isFalse();
    assertThat(status.totals().enqueued()).isEqualTo(6);
    assertThat(status.totals().succeeded()).isEqualTo(1);
    assertThat(status.oldestQueuedAge()).isPresent();
  }

  @Test
  void oldestQueuedAgeLooksAcrossPriorities() {
    taskyard.producer().submit(queue.name(), aTask().withPriority(1));
    long firstAt = taskyard.stats().status(queue.name()).at().toEpochMilli();
    await(Duration.ofMillis(30));
    taskyard.producer().submit(queue.name(), aTask().withPriority(900));
    taskyard.producer().submit(queue.name(), aTask().withPriority(50));

    QueueStatus status = taskyard.stats().status(queue.name());

    // The low-priority task was queued first, though it is last in line.
    assertThat(status.oldestQueuedAge().orElseThrow().toMillis())
        .isGreaterThanOrEqualTo(status.at().toEpochMilli() - firstAt);
  }

  @Test
  void emptyQueueHasNoOldestAge() {
    taskyard.queues().configure(queue.name(), dev.taskyard.core.control.QueueSettings.defaults());

    assertThat(taskyard.stats().status(queue.name()).oldestQueuedAge()).isEmpty();
  }

  @Test
  void statusesOfSeveralQueuesMatchEachStatusAndLeaveOutUnknownOnes() {
    taskyard.producer().submitAll(queue.name(), Collections.nCopies(3, aTask()));
    String unknown = queue.name() + "-never-used";

    List<QueueStatus> statuses = taskyard.stats().statuses(List.of(unknown, queue.name()));

    assertThat(statuses).hasSize(1);
    QueueStatus one = taskyard.stats().status(queue.name());
    assertThat(statuses.get(0).queue()).isEqualTo(queue.name());
    assertThat(statuses.get(0).queued()).isEqualTo(one.queued()).isEqualTo(3);
    assertThat(statuses.get(0).totals()).isEqualTo(one.totals());
  }

  @Test
  void unknownQueueIsAnError() {
    assertThatThrownBy(() -> taskyard.stats().status(queue.name()))
        .isInstanceOf(UnknownQueueException.class)
        .hasMessageContaining(queue.name());
  }

  @Test
  void durationAndWaitHistogramsCountEveryFinishedAttempt() {
    taskyard.producer().submitAll(queue.name(), Collections.nCopies(4, aTask()));
    List<Lease> leases =
        taskyard.leases().claim(queue.name(), "w", 4).tasks().stream().map(Lease::of).toList();
    taskyard
        .leases()
        .complete(queue.name(), leases.stream().map(l -> new TaskLeases.Success(l, null)).toList());

    HistogramSnapshot durations = taskyard.stats().durations(queue.name());
    HistogramSnapshot waits = taskyard.stats().waitTimes(queue.name());

    assertThat(durations.count()).isEqualTo(4);
    assertThat(waits.count()).isEqualTo(4);
    assertThat(durations.cumulativeCounts()).isSorted();
    assertThat(durations.cumulativeCounts()).hasSize(HistogramBuckets.BOUNDS_MS.size() + 1);
  }

  @Test
  void histogramsOfSeveralQueuesMatchEachQueuesOwn() {
    taskyard.producer().submitAll(queue.name(), Collections.nCopies(3, aTask()));
    List<Lease> leases =
        taskyard.leases().claim(queue.name(), "w", 3).tasks().stream().map(Lease::of).toList();
    taskyard
        .leases()
        .complete(queue.name(), leases.stream().map(l -> new TaskLeases.Success(l, null)).toList());
    String idle = other.name();
    taskyard.producer().submit(idle, aTask());

    var histograms = taskyard.stats().histograms(List.of(queue.name(), idle));

    assertThat(histograms.keySet()).containsExactly(queue.name(), idle);
    assertThat(histograms.get(queue.name()).durations())
        .isEqualTo(taskyard.stats().durations(queue.name()));
    assertThat(histograms.get(queue.name()).waitTimes())
        .isEqualTo(taskyard.stats().waitTimes(queue.name()));
    assertThat(histograms.get(queue.name()).durations().count()).isEqualTo(3);
    assertThat(histograms.get(idle).durations().count()).isZero();
    assertThat(histograms.get(idle).waitTimes().count()).isZero();
  }

  private static void await(Duration d) {
    org.awaitility.Awaitility.await().pollDelay(d).until(() -> true);
  }
}
