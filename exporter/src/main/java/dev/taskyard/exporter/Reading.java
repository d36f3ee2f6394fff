package dev.taskyard.exporter;

import dev.taskyard.core.control.QueueSettings;
import dev.taskyard.core.events.ArchiveBacklog;
import dev.taskyard.core.schedule.Schedule;
import dev.taskyard.core.stats.QueueStats.QueueHistograms;
import dev.taskyard.core.stats.QueueStatus;
import dev.taskyard.core.worker.WorkerNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one scrape read from Redis. Each part other than the statuses is empty when reading it
 * failed, so its metrics are left out rather than published as zeros.
 *
 * @param statuses the registered queues' states: these queues, and only these, get per-queue series
 * @param workers the live worker nodes
 */
public record Reading(
    List<QueueStatus> statuses,
    Optional<Map<String, QueueHistograms>> histograms,
    Optional<Map<String, QueueSettings>> settings,
    Optional<List<WorkerNode>> workers,
    Optional<Map<String, ArchiveBacklog.Lag>> archive,
    Optional<Map<String, List<Schedule>>> schedules) {

  /** A reading that got no further than the queue names. */
  static final Reading NOTHING =
      new Reading(
          List.of(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty());

  /** A part read per queue, for the listed queues that have it, in the statuses' order. */
  <T> List<Map.Entry<String, T>> perQueue(Map<String, T> part) {
    return statuses.stream()
        .filter(s -> part.containsKey(s.queue()))
        .map(s -> Map.entry(s.queue(), part.get(s.queue())))
        .toList();
  }

  /** Whether every part was read. */
  public boolean complete() {
    return this != NOTHING
        && histograms.isPresent()
        && settings.isPresent()
        && workers.isPresent()
        && archive.isPresent()
        && schedules.isPresent();
  }
}
