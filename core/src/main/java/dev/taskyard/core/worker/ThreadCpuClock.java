package dev.taskyard.core.worker;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;

/**
 * The CPU time worker threads spend on each task, read once per task. Reading a thread's CPU clock
 * is a system call that locks the scheduler's run queue (about 0.4 µs, more under load), so a task
 * takes the previous task's end reading on the same thread as its start: the few microseconds a
 * thread spends between two tasks count to the second.
 */
final class ThreadCpuClock {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final boolean MEASURED = THREADS.isCurrentThreadCpuTimeSupported();
  private static final ThreadLocal<long[]> LAST_READING =
      ThreadLocal.withInitial(() -> new long[] {-1});

  private ThreadCpuClock() {}

  /** Before a task: reads the clock on a thread that has not run one yet. */
  static void taskStarts() {
    long[] last = LAST_READING.get();
    if (last[0] < 0) {
      last[0] = read();
    }
  }

  /** After a task: the CPU time since it started; null where the JVM does not measure it. */
  static Duration taskEnded() {
    long[] last = LAST_READING.get();
    long now = read();
    Duration spent = now < 0 || last[0] < 0 ? null : Duration.ofNanos(now - last[0]);
    last[0] = now;
    return spent;
  }

  /** The calling thread's CPU time in ns; -1 where the JVM does not measure it. */
  private static long read() {
    return MEASURED ? THREADS.getCurrentThreadCpuTime() : -1;
  }
}
