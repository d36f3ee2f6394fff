package dev.taskyard.core.worker;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;

/**
 * What worker threads spend on each task, CPU time and bytes allocated, read once per task. Reading
 * a thread's CPU clock is a system call that locks the scheduler's run queue (about 0.4 µs, more
 * under load), so a task takes the previous task's end reading on the same thread as its start: the
 * few microseconds (and bytes) a thread spends between two tasks count to the second. The
 * allocation counter is a plain read of the thread's own tally.
 */
final class ThreadUsageMeter {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final boolean CPU_MEASURED = THREADS.isCurrentThreadCpuTimeSupported();
  // HotSpot's extension; other JVMs may lack it or have it switched off.
  private static final com.sun.management.ThreadMXBean ALLOCATIONS =
      THREADS instanceof com.sun.management.ThreadMXBean t
              && t.isThreadAllocatedMemorySupported()
              && t.isThreadAllocatedMemoryEnabled()
          ? t
          : null;

  /** Per thread: the CPU time (ns) and bytes allocated at the end of its last task; -1 unread. */
  private static final ThreadLocal<long[]> LAST_READING =
      ThreadLocal.withInitial(() -> new long[] {-1, -1});

  private ThreadUsageMeter() {}

  /** Before a task: reads the counters on a thread that has not run one yet. */
  static void taskStarts() {
    long[] last = LAST_READING.get();
    if (last[0] < 0 && last[1] < 0) {
      last[0] = cpuNanos();
      last[1] = allocatedBytes();
    }
  }

  /** After a task: what it used since it started (each null where the JVM does not measure it). */
  static AttemptUsage taskEnded() {
    long[] last = LAST_READING.get();
    long cpu = cpuNanos();
    long allocated = allocatedBytes();
    AttemptUsage used =
        new AttemptUsage(
            cpu < 0 || last[0] < 0 ? null : Duration.ofNanos(cpu - last[0]),
            allocated < 0 || last[1] < 0 ? null : allocated - last[1]);
    last[0] = cpu;
    last[1] = allocated;
    return used;
  }

  /** The calling thread's CPU time in ns; -1 where the JVM does not measure it. */
  private static long cpuNanos() {
    return CPU_MEASURED ? THREADS.getCurrentThreadCpuTime() : -1;
  }

  /** The bytes the calling thread allocated since it started; -1 where not measured. */
  private static long allocatedBytes() {
    return ALLOCATIONS == null ? -1 : ALLOCATIONS.getCurrentThreadAllocatedBytes();
  }
}
