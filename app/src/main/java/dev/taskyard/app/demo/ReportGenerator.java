package dev.taskyard.app.demo;

import dev.taskyard.app.tasks.TaskQueue;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Submits {@code demo.report} tasks at {@code taskyard.demo.rate-per-minute} (0 = none). */
@ApplicationScoped
public class ReportGenerator {
  static final String QUEUE = "reports";
  private static final Logger LOG = Logger.getLogger(ReportGenerator.class.getName());

  @Inject TaskQueue tasks;

  @Inject
  @ConfigProperty(name = "taskyard.demo.rate-per-minute", defaultValue = "6")
  int ratePerMinute;

  @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
  ManagedScheduledExecutorService executor;

  private final AtomicLong sequence = new AtomicLong();
  private ScheduledFuture<?> generating;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    if (ratePerMinute > 0) {
      long period = TimeUnit.MINUTES.toMillis(1) / ratePerMinute;
      generating =
          executor.scheduleAtFixedRate(this::submitOne, period, period, TimeUnit.MILLISECONDS);
    }
  }

  void onStop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object ignored) {
    if (generating != null) {
      generating.cancel(false);
    }
  }

  private void submitOne() {
    String payload =
        Json.createObjectBuilder()
            .add("report", "sales-" + sequence.incrementAndGet())
            .build()
            .toString();
    try {
      tasks.submit(QUEUE, "demo.report", payload);
    } catch (RuntimeException e) {
      // Must not escape: an exception would end the schedule for good.
      LOG.log(Level.WARNING, "Demo: could not submit a report", e);
    }
  }
}
