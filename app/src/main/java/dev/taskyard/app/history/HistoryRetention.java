package dev.taskyard.app.history;

import dev.taskyard.app.platform.OutageLog;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Deletes tasks that ended more than {@code taskyard.history.retention-days} ago, with their
 * timelines, every {@code taskyard.history.retention-interval-minutes}. Every node schedules it; a
 * PostgreSQL advisory lock lets one node at a time delete, in chunks so no transaction is long.
 */
@ApplicationScoped
public class HistoryRetention {
  private static final Logger LOG = Logger.getLogger(HistoryRetention.class.getName());
  private static final int CHUNK = 10_000;

  @Resource ManagedScheduledExecutorService scheduler;
  @Inject HistoryStore store;

  @Inject
  @ConfigProperty(name = "taskyard.history.retention-days", defaultValue = "30")
  int retentionDays;

  @Inject
  @ConfigProperty(name = "taskyard.history.retention-interval-minutes", defaultValue = "60")
  long intervalMinutes;

  private ScheduledFuture<?> job;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    job =
        scheduler.scheduleWithFixedDelay(this::deleteExpired, 1, intervalMinutes, TimeUnit.MINUTES);
  }

  @PreDestroy
  void stop() {
    if (job != null) {
      job.cancel(true);
    }
  }

  void deleteExpired() {
    Instant cutoff = Instant.now().minus(Duration.ofDays(retentionDays));
    try {
      long total = 0;
      Optional<Integer> deleted;
      do {
        deleted = store.deleteEndedBefore(cutoff, CHUNK);
        total += deleted.orElse(0);
      } while (deleted.orElse(0) == CHUNK);
      if (total > 0) {
        LOG.info("History retention deleted " + total + " tasks that ended before " + cutoff);
      }
    } catch (RuntimeException e) {
      OutageLog.warning(
          LOG, "History retention failed; next run in " + intervalMinutes + " min", e);
    }
  }
}
