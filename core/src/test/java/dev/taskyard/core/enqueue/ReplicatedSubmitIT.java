package dev.taskyard.core.enqueue;

import static dev.taskyard.core.testing.TaskFixtures.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.taskyard.core.Taskyard;
import dev.taskyard.core.TaskyardOptions;
import dev.taskyard.core.redis.Durability;
import dev.taskyard.core.redis.RedisTopology;
import dev.taskyard.core.testing.Resp;
import dev.taskyard.embedded.EmbeddedRedis;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;

/**
 * Submits at durability {@code replicated} to a server of its own that has no replica, so that no
 * write is ever confirmed: what the caller is told, what stays written, and what {@code async} does
 * not send. (A replica confirming under load is {@link FailoverContract}'s part.)
 */
class ReplicatedSubmitIT {
  private static final Duration TIMEOUT = Duration.ofMillis(50);

  private final EmbeddedRedis redis = EmbeddedRedis.start();
  private final RedissonClient redisson =
      Redisson.create(RedisTopology.single(redis.url()).config());
  private final String queue = "replicated-" + UUID.randomUUID();

  @AfterEach
  void stop() {
    redisson.shutdown();
    redis.close();
  }

  private Taskyard taskyard(Durability durability) {
    return Taskyard.create(redisson, TaskyardOptions.defaults().withDurability(durability));
  }

  @Test
  void submitNoReplicaConfirmedIsReportedAsNotReplicatedAndStaysOnTheMaster() {
    Taskyard taskyard = taskyard(Durability.replicated(TIMEOUT));

    NotReplicatedException e =
        catchThrowableOfType(
            NotReplicatedException.class, () -> taskyard.producer().submit(queue, aTask()));

    assertThat(e.queue()).isEqualTo(queue);
    assertThat(e.getMessage()).contains("no replica confirmed them within 50 ms");
    assertThat(e.taskIds()).hasSize(1);
    assertThat(taskyard.tasks().find(queue, e.taskIds().get(0))).isPresent();
  }

  @Test
  void batchNoReplicaConfirmedNamesEveryTaskOfIt() {
    Taskyard taskyard = taskyard(Durability.replicated(TIMEOUT));

    NotReplicatedException e =
        catchThrowableOfType(
            NotReplicatedException.class,
            () -> taskyard.producer().submitAll(queue, List.of(aTask(), aTask(), aTask())));

    assertThat(e.taskIds()).hasSize(3).doesNotHaveDuplicates();
    assertThat(taskyard.tasks().findAll(queue, e.taskIds())).hasSize(3);
  }

  @Test
  void onlyReplicatedSubmitsSendWait() {
    taskyard(Durability.ASYNC).producer().submit(queue, aTask());
    assertThat(waitCalls()).isZero();

    catchThrowableOfType(
        NotReplicatedException.class,
        () -> taskyard(Durability.replicated(TIMEOUT)).producer().submit(queue, aTask()));
    assertThat(waitCalls()).isEqualTo(1);
  }

  @Test
  void replicatedSubmitLoadsItsScriptAgainWhenTheServerForgotIt() {
    Taskyard taskyard = taskyard(Durability.replicated(TIMEOUT));
    catchThrowableOfType(
        NotReplicatedException.class, () -> taskyard.producer().submit(queue, aTask()));
    // As a server restarted at the same address has it: Redisson still thinks the script loaded.
    Resp.call(redis.port(), "SCRIPT", "FLUSH");

    NotReplicatedException e =
        catchThrowableOfType(
            NotReplicatedException.class, () -> taskyard.producer().submit(queue, aTask()));

    assertThat(taskyard.tasks().find(queue, e.taskIds().get(0))).isPresent();
  }

  private long waitCalls() {
    String stats = String.valueOf(Resp.call(redis.port(), "INFO", "commandstats"));
    return stats.contains("cmdstat_wait:")
        ? Long.parseLong(stats.replaceAll("(?s).*cmdstat_wait:calls=(\\d+).*", "$1"))
        : 0;
  }
}
