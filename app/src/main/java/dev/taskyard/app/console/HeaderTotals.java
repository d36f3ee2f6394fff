package dev.taskyard.app.console;

import dev.taskyard.core.stats.QueueStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the header's badges show on every page: the queued, running and dead tasks of every queue
 * added up, and the open alerts.
 */
record HeaderTotals(long queued, long running, long dead, long openAlerts) {

  /**
   * Every queue's latest counts as the live feed reads them (all queues, or only those that
   * changed), so each update carries the totals of all.
   */
  static final class Tracker {
    private final Map<String, QueueStatus> latest = new HashMap<>();

    /**
     * Takes in {@code read}, every queue when {@code full} (a queue not in it is gone), and gives
     * the totals with {@code openAlerts} (by queue).
     */
    synchronized HeaderTotals update(
        List<QueueStatus> read, boolean full, Map<String, Integer> openAlerts) {
      if (full) {
        latest.clear();
      }
      read.forEach(s -> latest.put(s.queue(), s));
      long queued = 0;
      long running = 0;
      long dead = 0;
      for (QueueStatus s : latest.values()) {
        queued += s.queued();
        running += s.running();
        dead += s.dead();
      }
      long alerts = openAlerts.values().stream().mapToLong(Integer::longValue).sum();
      return new HeaderTotals(queued, running, dead, alerts);
    }
  }
}
