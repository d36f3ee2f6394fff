package dev.taskyard.app.metrics;

/** The levels a sample reads, in the order of the {@code gauge_sums} and {@code gauge_maxes}. */
enum Gauge {
  QUEUED("queued"),
  SCHEDULED("scheduled"),
  WAITING("waiting"),
  RUNNING("running"),
  WORKER_THREADS("workerThreads"),
  BUSY_THREADS("busyThreads"),
  WORKER_NODES("workerNodes"),
  /** The mean over the nodes serving the queue of their JVM's CPU load (0-1). */
  CPU_LOAD("cpuLoad"),
  /** The heap used by the nodes serving the queue, added up. */
  HEAP_USED_BYTES("heapUsedBytes");

  /** The name in the API. */
  final String field;

  Gauge(String field) {
    this.field = field;
  }
}
