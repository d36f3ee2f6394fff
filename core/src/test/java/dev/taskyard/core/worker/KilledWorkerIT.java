package dev.taskyard.core.worker;

import static dev.taskyard.core.testing.TaskFixtures.NOOP;
import static dev.taskyard.core.testing.TaskFixtures.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskyard.core.Taskyard;
import dev.taskyard.core.enqueue.Submission;
import dev.taskyard.core.task.TaskRecord;
import dev.taskyard.core.task.TaskState;
import dev.taskyard.core.testing.RedisQueue;
import dev.taskyard.core.testing.TestRedis;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A worker JVM killed with SIGKILL mid-task loses nothing: its tasks run again elsewhere. */
class KilledWorkerIT {
  @RegisterExtension final RedisQueue queue = new RedisQueue();
  private final Taskyard taskyard = TestRedis.get().taskyard();

  @Test
  void tasksOfAKilledWorkerProcessRunAgainAndNoneIsLost() throws Exception {
    List<String> ids =
        taskyard
            .producer()
            .submitAll(
                queue.name(), Collections.nCopies(20, aTask().withTimeout(Duration.ofSeconds(1))))
            .stream()
            .map(Submission::id)
            .toList();
    List<String> startedThere = new ArrayList<>();
    Process worker =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                WorkerProcess.class.getName(),
                TestRedis.get().url(),
                queue.name(),
                "4")
            .redirectErrorStream(true)
            .start();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while (startedThere.size() < 4 && (line = out.readLine()) != null) {
        if (line.startsWith("started ")) {
          startedThere.add(line.substring("started ".length()));
        }
      }
      assertThat(startedThere).as("tasks started by the worker process").hasSize(4);
    } finally {
      worker.destroyForcibly(); // SIGKILL: no shutdown hook, no acknowledgement, no release
      assertThat(worker.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    WorkerPool survivor =
        taskyard
            .workerPool()
            .workerId("survivor")
            .queue(queue.name(), 4)
            .options(WorkerOptions.defaults().withUpkeepInterval(Duration.ofMillis(100)))
            .handler(NOOP, task -> null)
            .start();
    try {
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(taskyard.tasks().findAll(queue.name(), ids))
                      .extracting(TaskRecord::state)
                      .hasSize(20)
                      .containsOnly(TaskState.SUCCEEDED));
    } finally {
      survivor.close();
    }
    List<TaskRecord> records = taskyard.tasks().findAll(queue.name(), ids);
    // Those it started (and any it had claimed ahead) ran a second time; none ran more often.
    assertThat(records)
        .filteredOn(r -> startedThere.contains(r.id()))
        .hasSize(4)
        .allSatisfy(r -> assertThat(r.attempts()).isEqualTo(2));
    assertThat(records).allSatisfy(r -> assertThat(r.attempts()).isBetween(1, 2));
    assertThat(records).allSatisfy(r -> assertThat(r.workerId()).contains("survivor"));
  }
}
