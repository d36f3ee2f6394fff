package dev.taskyard.launcher;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What the launcher has started, stopped once in reverse order: the application before the
 * databases it uses, so it can return unfinished tasks to Redis as it shuts down.
 */
final class StartedServices {
  private record Service(String name, Runnable stop) {}

  private final Deque<Service> started = new ArrayDeque<>();
  private volatile boolean stopping;

  synchronized void add(String name, Runnable stop) {
    started.push(new Service(name, stop));
  }

  /** Whether {@link #stopAll()} has begun: a child ending now is expected. */
  boolean stopping() {
    return stopping;
  }

  synchronized void stopAll() {
    stopping = true;
    if (started.isEmpty()) {
      return;
    }
    while (!started.isEmpty()) {
      Service service = started.pop();
      System.out.println("Stopping " + service.name() + "...");
      try {
        service.stop().run();
      } catch (RuntimeException e) {
        System.err.println("Could not stop " + service.name() + ": " + e);
      }
    }
    System.out.println("Stopped.");
  }
}
