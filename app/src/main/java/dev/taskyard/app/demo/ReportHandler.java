package dev.taskyard.app.demo;

import dev.taskyard.app.workers.TaskType;
import dev.taskyard.core.worker.TaskContext;
import dev.taskyard.core.worker.TaskHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A stand-in for slow work: builds a "report" in ten steps of up to half a second, reporting
 * progress after each, and fails one attempt in five so that retries and dead letters show.
 */
@ApplicationScoped
@TaskType(value = "demo.report", queue = ReportGenerator.QUEUE)
public class ReportHandler implements TaskHandler {
  private static final int STEPS = 10;

  @Override
  public String handle(TaskContext task) throws Exception {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    int failAt = random.nextInt(5) == 0 ? random.nextInt(STEPS) : -1;
    for (int step = 0; step < STEPS; step++) {
      if (task.isCancelled()) {
        throw new InterruptedException("cancelled at step " + step);
      }
      if (step == failAt) {
        throw new IllegalStateException("demo failure at step " + step + " of " + STEPS);
      }
      Thread.sleep(random.nextLong(50, 500)); // the work being simulated
      task.progress(100 * (step + 1) / STEPS, "step " + (step + 1) + " of " + STEPS);
    }
    return Json.createObjectBuilder().add("rows", random.nextInt(1, 10_000)).build().toString();
  }
}
