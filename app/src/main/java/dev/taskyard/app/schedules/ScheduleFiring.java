package dev.taskyard.app.schedules;

import dev.taskyard.core.Taskyard;
import dev.taskyard.core.schedule.ScheduleRunner;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Fires every queue's due schedules from this node, on a container-managed thread. Every node may
 * fire: each fire is one atomic script that moves the schedule's next time on, so a fire time
 * creates its task once however many nodes try. The core's runner reads a queue's schedules only
 * when its next fire time comes or they change, so idle queues cost nothing.
 */
@ApplicationScoped
public class ScheduleFiring {
  @Inject Taskyard taskyard;

  @Inject
  @ConfigProperty(name = "taskyard.schedules.enabled", defaultValue = "true")
  boolean enabled;

  @Inject
  @ConfigProperty(name = "taskyard.schedules.poll-ms", defaultValue = "1000")
  long pollMs;

  @Resource ManagedThreadFactory threads;

  private ScheduleRunner runner;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    if (enabled) {
      runner = taskyard.scheduler().start(threads, Duration.ofMillis(pollMs));
    }
  }

  @PreDestroy
  void stop() {
    if (runner != null) {
      runner.close();
    }
  }
}
