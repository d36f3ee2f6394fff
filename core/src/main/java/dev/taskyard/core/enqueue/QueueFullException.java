package dev.taskyard.core.enqueue;

import dev.taskyard.core.TaskyardException;

/** The queue is at its capacity; the whole submit was refused and nothing was written. */
public final class QueueFullException extends TaskyardException {
  private static final long serialVersionUID = 1L;
  private final String queue;
  private final long capacity;

  public QueueFullException(String queue, long capacity) {
    super("Queue '" + queue + "' is full (capacity " + capacity + ")");
    this.queue = queue;
    this.capacity = capacity;
  }

  public String queue() {
    return queue;
  }

  public long capacity() {
    return capacity;
  }
}
