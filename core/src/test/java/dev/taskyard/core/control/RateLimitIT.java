package dev.taskyard.core.control;

import static dev.taskyard.core.testing.TaskFixtures.NOOP;
import static dev.taskyard.core.testing.TaskFixtures.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.taskyard.core.InvalidInputException;
import dev.taskyard.core.Taskyard;
import dev.taskyard.core.enqueue.Submission;
import dev.taskyard.core.task.TaskRecord;
import dev.taskyard.core.task.TaskState;
import dev.taskyard.core.testing.RedisQueue;
import dev.taskyard.core.testing.TestRedis;
import dev.taskyard.core.worker.Claim;
import dev.taskyard.core.worker.WorkerPool;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RateLimitIT {
  @RegisterExtension final RedisQueue queue = new RedisQueue();
  private final Taskyard taskyard = TestRedis.get().taskyard();

  private List<String> submitMany(int n) {
    return taskyard.producer().submitAll(queue.name(), Collections.nCopies(n, aTask())).stream()
        .map(Submission::id)
        .toList();
  }

  @Test
  void claimsNeverOutrunTheQueueRateByRedisClock() {
    taskyard.queues().configure(queue.name(), QueueSettings.defaults().withRateLimit(20));
    submitMany(200);

    Instant start = null;
    Instant last = null;
    int claimed = 0;
    do {
      Claim claim = taskyard.leases().claim(queue.name(), "w", 50);
      start = start == null ? claim.at() : start;
      last = claim.at();
      claimed += claim.tasks().size();
    } while (Duration.between(start, last).toMillis() < 1500);

    double seconds = Duration.between(start, last).toMillis() / 1000.0;
    // A full bucket (20) at once, then 20 a second: never more.
    assertThat(claimed)
        .isLessThanOrEqualTo((int) (20 + 20 * seconds) + 1)
        .isGreaterThanOrEqualTo(20);
  }

  @Test
  void rateLimitedClaimSaysWhenToTryAgain() {
    taskyard.queues().configure(queue.name(), QueueSettings.defaults().withRateLimit(1));
    submitMany(5);

    Claim first = taskyard.leases().claim(queue.name(), "w", 10);
    Claim second = taskyard.leases().claim(queue.name(), "w", 10);

    assertThat(first.tasks()).hasSize(1);
    assertThat(second.tasks()).isEmpty();
    assertThat(second.nextDue())
        .hasValueSatisfying(
            at ->
                assertThat(Duration.between(second.at(), at))
                    .isBetween(Duration.ofMillis(1), Duration.ofSeconds(1)));
  }

  @Test
  void idleQueueKeepsItsBurst() {
    taskyard.queues().configure(queue.name(), QueueSettings.defaults().withRateLimit(5));
    for (int i = 0; i < 20; i++) {
      taskyard.leases().claim(queue.name(), "w", 10); // nothing queued: no tokens spent
    }
    submitMany(10);

    assertThat(taskyard.leases().claim(queue.name(), "w", 10).tasks()).hasSize(5);
  }

  @Test
  void workerPoolRunsEverythingAtTheRate() {
    taskyard.queues().configure(queue.name(), QueueSettings.defaults().withRateLimit(20));
    List<String> ids = submitMany(40);
    WorkerPool pool = taskyard.workerPool().queue(queue.name(), 8).handler(NOOP, t -> null).start();
    try {
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () ->
                  assertThat(taskyard.tasks().findAll(queue.name(), ids))
                      .extracting(TaskRecord::state)
                      .containsOnly(TaskState.SUCCEEDED));
    } finally {
      pool.close();
    }
    List<Instant> starts =
        taskyard.tasks().findAll(queue.name(), ids).stream()
            .map(r -> r.startedAt().orElseThrow())
            .sorted()
            .toList();
    // 20 at once, the other 20 at 20 a second: the last cannot start within ~1 s of the first.
    assertThat(Duration.between(starts.get(0), starts.get(39)))
        .isGreaterThanOrEqualTo(Duration.ofMillis(900));
  }

  @Test
  void submitLimiterGrantsItsBurstThenSaysHowLongToWait() {
    String client = "client-" + UUID.randomUUID();
    RateLimiter.Limit limit = new RateLimiter.Limit(10, 5);

    for (int i = 0; i < 5; i++) {
      assertThat(taskyard.rateLimiter().acquire(client, limit, 1)).isZero();
    }
    Duration wait = taskyard.rateLimiter().acquire(client, limit, 1);

    assertThat(wait).isBetween(Duration.ofMillis(1), Duration.ofMillis(100));
    assertThat(taskyard.rateLimiter().acquire("other-" + client, limit, 5)).isZero();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> taskyard.rateLimiter().acquire(client, limit, 1).isZero());
  }

  @Test
  void badLimitsAreRefused() {
    assertThatThrownBy(() -> new RateLimiter.Limit(0, 5)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new RateLimiter.Limit(5, 0)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> taskyard.rateLimiter().acquire("c", new RateLimiter.Limit(5, 2), 3))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("permits");
    assertThatThrownBy(() -> QueueSettings.defaults().withRateLimit(-1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("rateLimit");
  }
}
