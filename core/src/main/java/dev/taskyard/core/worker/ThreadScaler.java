package dev.taskyard.core.worker;

import dev.taskyard.core.control.WorkerScaling;

/**
 * Decides how many threads one queue runs on this node, from the queue's {@link WorkerScaling}
 * settings and, when autoscaling, its backlog. Node-local: each node decides from the queue-wide
 * backlog and its own busy threads, so no node waits for another.
 *
 * <p>Autoscaling grows at once (a backlog should not wait) but shrinks only once demand has stayed
 * below the thread count for a whole cooldown, to the highest demand seen in that time, so a
 * momentary lull between bursts does not drop threads that are needed again a second later.
 *
 * <p>Not thread-safe: the pool calls it from its scheduler thread only.
 */
final class ThreadScaler {
  private final int ownThreads;
  private boolean shrinking;
  private long shrinkingSince;
  private int highestDemand;

  /**
   * @param ownThreads the pool's own thread count for the queue, used when the settings name none
   */
  ThreadScaler(int ownThreads) {
    this.ownThreads = ownThreads;
  }

  /** Threads under these settings with no backlog reading: the fixed count, or within the range. */
  int settled(WorkerScaling s, int current) {
    if (!s.autoscaling()) {
      shrinking = false;
      return s.threads() > 0 ? s.threads() : ownThreads;
    }
    return clamp(current, s);
  }

  /**
   * Threads wanted now, given the queue's ready tasks and this node's busy threads.
   *
   * @param nowNanos a {@link System#nanoTime()} reading, for the cooldown
   */
  int scaled(WorkerScaling s, int current, int busy, long queued, long nowNanos) {
    int threads = settled(s, current);
    if (!s.autoscaling()) {
      return threads;
    }
    long byBacklog = (queued + s.backlogPerThread() - 1) / s.backlogPerThread();
    int demand = clamp((int) Math.min(Math.max(busy, byBacklog), Integer.MAX_VALUE), s);
    if (demand >= threads) {
      shrinking = false;
      return demand;
    }
    if (!shrinking) {
      shrinking = true;
      shrinkingSince = nowNanos;
      highestDemand = demand;
    }
    highestDemand = Math.max(highestDemand, demand);
    if (nowNanos - shrinkingSince < s.scaleDownCooldown().toNanos()) {
      return threads;
    }
    shrinking = false;
    return highestDemand;
  }

  private static int clamp(int threads, WorkerScaling s) {
    return Math.max(s.minThreads(), Math.min(s.maxThreads(), threads));
  }
}
