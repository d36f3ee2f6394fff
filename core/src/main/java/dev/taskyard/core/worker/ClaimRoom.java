package dev.taskyard.core.worker;

import java.util.concurrent.TimeUnit;

/**
 * How many more tasks a queue worker may claim. It holds at most its thread count, plus as many
 * again while its tasks are short: then a claim is in flight while the threads still have work, and
 * claims come in large batches. Long tasks get no prefetch, so no node hoards work that another
 * could start.
 */
final class ClaimRoom {
  /** Tasks shorter than this on average are prefetched. */
  static final long SHORT_TASK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private int threads;
  private int held;
  private volatile double averageTaskNanos;

  ClaimRoom(int threads) {
    this.threads = threads;
  }

  private int limit() {
    return averageTaskNanos < SHORT_TASK_NANOS ? 2 * threads : threads;
  }

  /** The claim size {@link #reserve} prefers to wait for: half the limit. */
  private int batch() {
    return Math.max(1, limit() / 2);
  }

  /**
   * Waits for room to claim, preferring a batch of half the limit: up to {@code patience} for that
   * much, then whatever there is. Reserves the room it returns; 0 after {@code maxWait} with no
   * room at all.
   */
  synchronized int reserve(long patienceNanos, long maxWaitNanos) throws InterruptedException {
    long start = System.nanoTime();
    int batch = batch();
    while (true) {
      int room = limit() - held;
      long waited = System.nanoTime() - start;
      if (room >= batch || (room > 0 && waited >= patienceNanos)) {
        held += room;
        return room;
      }
      if (waited >= maxWaitNanos) {
        return 0;
      }
      long next = room > 0 ? patienceNanos - waited : maxWaitNanos - waited;
      TimeUnit.NANOSECONDS.timedWait(this, Math.max(1, next));
    }
  }

  /**
   * Changes the thread count. After a shrink, the tasks already held may exceed the new limit: no
   * room is given until they have finished below it.
   */
  synchronized void resize(int threads) {
    this.threads = threads;
    notifyAll();
  }

  /** How many tasks of the average length take {@code nanos}: at least 1, and 1 until one ended. */
  int tasksWithin(long nanos) {
    double average = averageTaskNanos;
    return average <= 0 ? 1 : (int) Math.max(1, Math.min(Integer.MAX_VALUE, nanos / average));
  }

  /** Gives back reserved room that a claim did not fill. */
  synchronized void unreserve(int count) {
    held -= count;
    notifyAll();
  }

  /**
   * A claimed task finished after {@code nanos}. Wakes a waiting {@link #reserve} only when what it
   * waits for may have come: the first free room (from when its patience runs) or a whole batch;
   * not once per finished task, which cost a thread wake-up per task.
   */
  synchronized void finished(long nanos) {
    held--;
    averageTaskNanos = averageTaskNanos == 0 ? nanos : 0.9 * averageTaskNanos + 0.1 * nanos;
    int room = limit() - held;
    if (room == 1 || room >= batch()) {
      notifyAll();
    }
  }
}
