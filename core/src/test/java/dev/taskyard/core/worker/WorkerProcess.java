package dev.taskyard.core.worker;

import dev.taskyard.core.Taskyard;
import java.util.concurrent.CountDownLatch;

/**
 * A worker in a JVM of its own, for {@link KilledWorkerIT}: runs {@code test.noop} tasks of one
 * queue with handlers that never finish, and prints one line per task it starts.
 *
 * <p>Arguments: redis URL, queue, threads.
 */
public final class WorkerProcess {
  private WorkerProcess() {}

  public static void main(String[] args) throws Exception {
    Taskyard taskyard = Taskyard.connect(args[0]);
    taskyard
        .workerPool()
        .workerId("doomed-process")
        .queue(args[1], Integer.parseInt(args[2]))
        .handler(
            "test.noop",
            task -> {
              System.out.println("started " + task.id());
              System.out.flush();
              new CountDownLatch(1).await();
              return null;
            })
        .start();
    new CountDownLatch(1).await();
  }
}
