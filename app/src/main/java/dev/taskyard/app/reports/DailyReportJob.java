package dev.taskyard.app.reports;

import dev.taskyard.app.platform.OutageLog;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Sends the daily report once a day, after {@code taskyard.reports.time} in {@code
 * taskyard.reports.zone}, for the day before: each node looks every minute, and the one whose
 * {@link ReportDeliveries#claim} wins sends it. A failed delivery is tried again (see {@link
 * ReportDeliveries}); each failure is logged and kept with the day.
 */
@ApplicationScoped
public class DailyReportJob {
  private static final Logger LOG = Logger.getLogger(DailyReportJob.class.getName());

  @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
  ManagedScheduledExecutorService executor;

  @Inject ReportSettings settings;
  @Inject DailySummaries summaries;
  @Inject ReportChannels channels;
  @Inject ReportDeliveries deliveries;

  private Future<?> job;

  void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    if (!settings.enabled()) {
      return;
    }
    settings.check();
    if (channels.configured().isEmpty()) {
      throw new IllegalStateException(
          "taskyard.reports.enabled is true, but neither taskyard.reports.slack.webhook-url"
              + " nor taskyard.reports.mail.to is set");
    }
    job = executor.scheduleWithFixedDelay(this::run, 0, 1, TimeUnit.MINUTES);
  }

  @PreDestroy
  void stop() {
    if (job != null) {
      job.cancel(true);
    }
  }

  void run() {
    Instant now = Instant.now();
    if (ZonedDateTime.ofInstant(now, settings.zone()).toLocalTime().isBefore(settings.time())) {
      return;
    }
    LocalDate day = summaries.yesterday(now);
    try {
      if (!deliveries.claim(day)) {
        return;
      }
      try {
        deliveries.delivered(day, String.join(",", channels.send(summaries.of(day))));
        LOG.info(() -> "Daily report for " + day + " sent");
      } catch (ReportChannels.DeliveryException e) {
        deliveries.failed(day, e.getMessage());
        LOG.warning(() -> "Daily report for " + day + " not delivered: " + e.getMessage());
      }
    } catch (Exception e) {
      OutageLog.warning(LOG, "Daily report for " + day + " skipped; tried again later", e);
    }
  }
}
