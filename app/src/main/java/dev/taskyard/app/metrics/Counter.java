package dev.taskyard.app.metrics;

/** The task counts of a row, in the order of the {@code counters} column. */
enum Counter {
  ENQUEUED,
  SUCCEEDED,
  FAILED,
  RETRIED,
  DEAD_LETTERED
}
