package dev.taskyard.bench;

import dev.taskyard.core.events.EventLog;
import dev.taskyard.core.events.TaskEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Follows a queue's event stream and notes, per task, the local {@link System#nanoTime()} at which
 * its {@code succeeded} event was first seen. That is an upper bound of when the task reached
 * SUCCEEDED: it adds the time until the next read (this thread reads again at once after a
 * non-empty read, else after about 0.1 ms) and that read's round trip.
 */
final class SucceededWatcher implements AutoCloseable {
  private static final int READ_COUNT = 1000;
  private static final long IDLE_NANOS = 100_000;

  private final EventLog events;
  private final String queue;
  private final Map<String, Long> doneNanos;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile RuntimeException failure;
  private String lastId;

  /**
   * @param afterStreamId the stream entry after which to start
   * @param doneNanos receives task id to the time its success was seen
   */
  SucceededWatcher(
      EventLog events, String queue, String afterStreamId, Map<String, Long> doneNanos) {
    this.events = events;
    this.queue = queue;
    this.lastId = afterStreamId;
    this.doneNanos = doneNanos;
    this.thread = new Thread(this::loop, "bench-succeeded-watcher");
    thread.setDaemon(true);
  }

  SucceededWatcher start() {
    thread.start();
    return this;
  }

  private void loop() {
    try {
      while (running) {
        List<TaskEvent> read = events.read(queue, lastId, READ_COUNT);
        long seen = System.nanoTime();
        for (TaskEvent e : read) {
          lastId = e.streamId();
          if (e.type().equals("succeeded")) {
            for (String id : e.taskIds()) {
              doneNanos.putIfAbsent(id, seen);
            }
          }
        }
        if (read.isEmpty()) {
          LockSupport.parkNanos(IDLE_NANOS);
        }
      }
    } catch (RuntimeException e) {
      failure = e;
    }
  }

  /** Throws what stopped the watcher, if anything did. */
  void check() {
    if (failure != null) {
      throw new IllegalStateException("Reading the event stream failed", failure);
    }
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
