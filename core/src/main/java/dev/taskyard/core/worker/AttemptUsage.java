package dev.taskyard.core.worker;

import java.time.Duration;

/**
 * What a handler's thread used in one attempt: its CPU time (stored with microsecond precision) and
 * the bytes it allocated on the heap; each null where the JVM does not measure it.
 */
public record AttemptUsage(Duration cpuTime, Long allocatedBytes) {
  /** Nothing measured. */
  public static final AttemptUsage NONE = new AttemptUsage(null, null);
}
