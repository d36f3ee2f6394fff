package dev.taskyard.app.health;

import dev.taskyard.app.workers.LocalWorkers;
import dev.taskyard.core.worker.WorkerPool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

/**
 * Down when this node's worker pool can no longer work: a queue's fetcher or acker thread died, or
 * the pool's upkeep has not moved on for {@code taskyard.workers.stall-timeout-seconds}. Reads only
 * local state, so a Redis outage (a readiness matter) never restarts the node.
 */
@Liveness
@ApplicationScoped
public class WorkerLivenessCheck implements HealthCheck {
  static final String NAME = "workers";

  @Inject LocalWorkers workers;

  @Inject
  @ConfigProperty(name = "taskyard.workers.stall-timeout-seconds", defaultValue = "60")
  long stallTimeoutSeconds;

  @Override
  public HealthCheckResponse call() {
    Optional<WorkerPool> running = workers.pool();
    if (running.isEmpty()) {
      return HealthCheckResponse.named(NAME).up().withData("running", false).build();
    }
    WorkerPool pool = running.get();
    Duration sinceUpkeep = pool.sinceUpkeepProgress();
    boolean threadsAlive = pool.threadsAlive();
    boolean stalled = sinceUpkeep.toSeconds() > stallTimeoutSeconds;
    HealthCheckResponseBuilder response =
        HealthCheckResponse.named(NAME)
            .status(threadsAlive && !stalled)
            .withData("running", true)
            .withData("workerId", pool.workerId())
            .withData("threadsAlive", threadsAlive)
            .withData("sinceUpkeepMs", sinceUpkeep.toMillis());
    return response.build();
  }
}
