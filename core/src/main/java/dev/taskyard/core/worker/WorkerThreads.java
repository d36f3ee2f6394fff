package dev.taskyard.core.worker;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes a pool's threads from the factory it was given (a container's managed thread factory, for
 * one) and names them after their job, so thread dumps show what each does.
 */
final class WorkerThreads {
  /** Plain daemon threads, for pools outside a container. */
  static final ThreadFactory PLAIN =
      r -> {
        Thread t = new Thread(r);
        t.setDaemon(true);
        return t;
      };

  private WorkerThreads() {}

  static Thread thread(ThreadFactory factory, Runnable task, String name) {
    Thread t = factory.newThread(task);
    t.setName(name);
    return t;
  }

  /** A factory whose threads are numbered: {@code prefix1}, {@code prefix2}, ... */
  static ThreadFactory numbered(ThreadFactory factory, String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> thread(factory, r, prefix + n.incrementAndGet());
  }
}
