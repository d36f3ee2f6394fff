package dev.taskyard.core.worker;

import static dev.taskyard.core.testing.TaskFixtures.NOOP;
import static dev.taskyard.core.testing.TaskFixtures.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskyard.core.Taskyard;
import dev.taskyard.core.enqueue.Submission;
import dev.taskyard.core.task.TaskRecord;
import dev.taskyard.core.task.TaskState;
import dev.taskyard.embedded.EmbeddedRedis;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workers ride out a Redis restart: calls fail while it is down, are retried, and once it is back
 * (state restored from its append-only file) every task completes. A server of its own, so the
 * shared one is never disturbed.
 */
class RedisRestartIT {
  @TempDir Path dataDir;

  @Test
  void noTaskIsLostWhenRedisRestartsUnderLoad() throws Exception {
    EmbeddedRedis server = EmbeddedRedis.start(EmbeddedRedis.freePort(), Optional.of(dataDir));
    Set<String> ran = ConcurrentHashMap.newKeySet();
    CountDownLatch restarted = new CountDownLatch(1);
    try (Taskyard taskyard = Taskyard.connect(server.url())) {
      List<String> ids =
          taskyard
              .producer()
              .submitAll(
                  "restart",
                  // A claim whose reply is lost in the restart is held until its lease expires.
                  Collections.nCopies(2000, aTask().withTimeout(Duration.ofSeconds(2))))
              .stream()
              .map(Submission::id)
              .toList();
      WorkerPool pool =
          taskyard
              .workerPool()
              .queue("restart", 4)
              .options(WorkerOptions.defaults().withUpkeepInterval(Duration.ofMillis(200)))
              .handler(
                  NOOP,
                  task -> {
                    if (ran.size() >= 200) {
                      restarted.await(30, TimeUnit.SECONDS); // the restart lands mid-run
                    }
                    ran.add(task.id());
                    return null;
                  })
              .start();
      try {
        await().atMost(Duration.ofSeconds(30)).until(() -> ran.size() >= 200);
        server.restart();
        restarted.countDown();

        await()
            .atMost(Duration.ofSeconds(60))
            .untilAsserted(
                () ->
                    assertThat(taskyard.tasks().findAll("restart", ids))
                        .extracting(TaskRecord::state)
                        .hasSize(2000)
                        .containsOnly(TaskState.SUCCEEDED));
      } finally {
        pool.close();
      }
      assertThat(ran).containsAll(ids);
      assertThat(taskyard.stats().status("restart").totals().succeeded()).isEqualTo(2000);
    } finally {
      server.close();
    }
  }
}
