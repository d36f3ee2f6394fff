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
 * Keeps the history's weekly partitions, every {@code taskyard.history.retention-interval-minutes}:
 * creates those of the next weeks ahead of their tasks, and drops those past {@code
 * taskyard.history.retention-days} whose tasks have all ended; in a week past retention that holds
 * a task still going, deletes the others, in chunks so no transaction is long. Every node schedules
 * it; a PostgreSQL advisory lock lets one node at a time do it.
 */
@ApplicationScoped
public class HistoryRetention {
  private static final Logger LOG = Logger.getLogger(HistoryRetention.class.getName());
  private static final int CHUNK = 10_000;
  // Weeks created ahead: the history stays partitioned through four weeks without PostgreSQL or
  // without a node running (tasks of a week without partition go to the default one).
  private static final Duration AHEAD = Duration.ofDays(28);

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
    job = scheduler.scheduleWithFixedDelay(this::run, 1, intervalMinutes, TimeUnit.MINUTES);
  }

  @PreDestroy
  void stop() {
    if (job != null) {
      job.cancel(true);
    }
  }

  void run() {
    Instant now = Instant.now();
    try {
      store
          .addWeeks(now, now.plus(AHEAD))
          .filter(weeks -> !weeks.isEmpty())
          .ifPresent(weeks -> LOG.info("History partitions created for the weeks of " + weeks));
      deleteExpired(now.minus(Duration.ofDays(retentionDays)));
    } catch (RuntimeException e) {
      OutageLog.warning(
          LOG, "History retention failed; next run in " + intervalMinutes + " min", e);
    }
  }

  private void deleteExpired(Instant cutoff) {
    store
        .dropWeeksEndedBefore(cutoff)
        .filter(weeks -> !weeks.isEmpty())
        .ifPresent(
            weeks ->
                LOG.info(
                    "History retention dropped the weeks of "
                        + weeks
                        + ": all their tasks ended before "
                        + cutoff));
    long total = 0;
    Optional<Integer> deleted;
    do {
      deleted = store.deleteEndedBefore(cutoff, CHUNK);
      total += deleted.orElse(0);
    } while (deleted.orElse(0) == CHUNK);
    if (total > 0) {
      LOG.info(
          "History retention deleted "
              + total
              + " tasks that ended before "
              + cutoff
              + " from weeks that hold tasks still going");
    }
  }
}
