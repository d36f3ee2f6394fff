package dev.taskyard.app.workers;

import dev.taskyard.app.platform.JsonInput;
import dev.taskyard.core.InvalidInputException;
import dev.taskyard.core.control.WorkerScaling;

/**
 * Body of {@code PUT /api/queue/workers/{queue}/threads}: {@code {"threads": n}}, the threads every
 * node runs for the queue; 0 returns each node to its configured count.
 */
public record ScaleThreadsCommand(int threads) {
  static final String THREADS = "threads";

  public ScaleThreadsCommand {
    WorkerScaling.checkThreads(THREADS, threads, 0);
  }

  /**
   * Reads {@code threads} and ignores the other fields; the body must still be one JSON object
   * ({@link JsonInput}: nothing after it, not nested too deeply).
   *
   * @throws InvalidInputException naming {@code body} or {@code threads}
   */
  static ScaleThreadsCommand parse(String body) {
    return new ScaleThreadsCommand(
        JsonInput.parse(body)
            .optionalInt(THREADS)
            .orElseThrow(
                () ->
                    new InvalidInputException(THREADS, "is required and must be a whole number")));
  }
}
