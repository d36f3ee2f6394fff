package dev.taskyard.core.worker;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** This JVM as worker ids and the worker registry describe it. */
final class LocalProcess {
  /** Looked up once: a host name lookup may be slow where DNS is. */
  static final String HOST = hostName();

  static final long PID = ProcessHandle.current().pid();

  private LocalProcess() {}

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown-host";
    }
  }

  static MemoryUsage heap() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
  }

  /** The JVM's recent CPU use as a share of the machine (0-1); negative when not reported. */
  static double cpuLoad() {
    return ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuLoad()
        : -1;
  }
}
