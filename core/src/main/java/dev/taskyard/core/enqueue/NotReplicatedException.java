package dev.taskyard.core.enqueue;

import dev.taskyard.core.TaskyardException;
import java.time.Duration;
import java.util.List;

/**
 * At durability {@code replicated}: the tasks were written to the master, but no replica confirmed
 * them in time, so whether they survive a failover is unknown. Submitting again with the same
 * idempotency keys is safe.
 */
public final class NotReplicatedException extends TaskyardException {
  private static final long serialVersionUID = 1L;
  private final String queue;
  private final List<String> taskIds;

  public NotReplicatedException(String queue, List<String> taskIds, Duration timeout) {
    super(
        "The master of queue '"
            + queue
            + "' took "
            + taskIds.size()
            + " task(s) but no replica confirmed them within "
            + timeout.toMillis()
            + " ms: their outcome is unknown (a failover now may lose them); submit again with the"
            + " same idempotency key to be sure");
    this.queue = queue;
    this.taskIds = List.copyOf(taskIds);
  }

  public String queue() {
    return queue;
  }

  /** The ids the master gave the tasks, in the order submitted. */
  public List<String> taskIds() {
    return taskIds;
  }
}
