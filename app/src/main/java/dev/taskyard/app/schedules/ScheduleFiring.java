package dev.taskyard.app.schedules;

import dev.taskyard.core.Taskyard;
import dev.taskyard.core.schedule.ScheduleRunner;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Fires every queue's due schedules from this node, on a container-managed thread. Every node may
 * fire: each fire is one atomic script that moves the schedule's next time on, so a fire time
 * creates its task once however many nodes try.
 */
@ApplicationScoped
public class ScheduleFiring {
  private static final Logger LOG = Logger.getLogger(ScheduleFiring.class.getName());

  @Inject Taskyard taskyard;

  @Inject
  @ConfigProperty(name = "taskyard.schedules.enabled", defaultValue = "true")
  boolean enabled;

  @Inject
  @ConfigProperty(name = "taskyard.schedules.poll-ms", defaultValue = "1000")
  long pollMs;

  @Resource ManagedScheduledExecutorService executor;

  private ScheduleRunner runner;
  private ScheduledFuture<?> firing;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    if (enabled) {
      runner = taskyard.scheduler();
      firing =
          executor.scheduleWithFixedDelay(this::fireDue, pollMs, pollMs, TimeUnit.MILLISECONDS);
    }
  }

  @PreDestroy
  void stop() {
    if (firing != null) {
      firing.cancel(false);
    }
  }

  private void fireDue() {
    try {
      runner.fireDue();
    } catch (RuntimeException e) {
      // Redis away: the next pass catches up, as the schedules' missed-fire policies say.
      LOG.log(Level.FINE, "Schedules not fired this pass", e);
    }
  }
}
