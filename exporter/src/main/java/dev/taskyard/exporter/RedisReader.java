package dev.taskyard.exporter;

import dev.taskyard.core.Taskyard;
import dev.taskyard.core.events.ArchiveBacklog;
import dev.taskyard.core.stats.QueueStatus;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads everything a scrape publishes through the engine's read API, in two round trips whatever
 * the number of queues and tasks: the queue names, then every part at once (each part one pipelined
 * batch or one set of scripts in flight together, the parts side by side).
 */
final class RedisReader {
  private static final Logger LOG = Logger.getLogger(RedisReader.class.getName());

  private final Taskyard taskyard;
  private final ArchiveBacklog archive;
  private final ExecutorService parts;

  /**
   * @param parts runs the parts side by side: at least 6 threads, for the parts of one scrape
   */
  RedisReader(Taskyard taskyard, ExecutorService parts) {
    this.taskyard = taskyard;
    this.archive = new ArchiveBacklog(taskyard.redisson());
    this.parts = parts;
  }

  /**
   * Reads every part. A part that fails is logged and left empty; when the statuses fail, the
   * reading holds no queue at all, so that no per-queue series is published half-read.
   *
   * @throws RuntimeException when the queue names cannot be read: Redis did not answer
   */
  Reading read() {
    List<String> names = taskyard.queues().queues();
    var statuses = part(() -> taskyard.stats().statuses(names));
    var histograms = part(() -> taskyard.stats().histograms(names));
    var settings = part(() -> taskyard.queues().settings(names));
    var workers = part(() -> taskyard.workers().nodes());
    var lags = part(() -> archive.read(names));
    var schedules = part(() -> taskyard.schedules().list(names));
    Optional<List<QueueStatus>> read = optional("queue statuses", statuses);
    if (read.isEmpty()) {
      return Reading.NOTHING;
    }
    return new Reading(
        read.get(),
        optional("histograms", histograms),
        optional("settings", settings),
        optional("worker nodes", workers),
        optional("archive lag", lags),
        optional("schedules", schedules));
  }

  private <T> CompletableFuture<T> part(Supplier<T> reading) {
    return CompletableFuture.supplyAsync(reading, parts);
  }

  private static <T> Optional<T> optional(String part, CompletableFuture<T> future) {
    try {
      return Optional.of(future.join());
    } catch (CompletionException e) {
      LOG.log(Level.WARNING, "Could not read the " + part + " from Redis", e.getCause());
      return Optional.empty();
    }
  }
}
