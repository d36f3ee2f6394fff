package dev.taskyard.bench;

import dev.taskyard.core.Taskyard;
import dev.taskyard.core.enqueue.TaskRequest;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Queued tasks for a benchmark that reads queues: submitted fast, a thousand per script call. */
final class Backlogs {
  private static final int BATCH = 1_000;

  private Backlogs() {}

  /** Queues {@code tasks} tasks of {@code type}, spread evenly over {@code queues}. */
  static void fill(Taskyard taskyard, List<String> queues, int tasks, String type) {
    long start = System.nanoTime();
    List<TaskRequest> batch = Collections.nCopies(BATCH, TaskRequest.of(type, "{}"));
    int perQueue = tasks / queues.size();
    for (String queue : queues) {
      for (int done = 0; done < perQueue; done += BATCH) {
        taskyard.producer().submitAll(queue, batch.subList(0, Math.min(BATCH, perQueue - done)));
      }
    }
    System.out.printf(
        Locale.ROOT,
        "queued %,d tasks in %d queues in %.1f s%n",
        perQueue * queues.size(),
        queues.size(),
        (System.nanoTime() - start) / 1e9);
  }
}
