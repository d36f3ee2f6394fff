package dev.taskyard.app.health;

import dev.taskyard.app.platform.DatabaseSchema;
import dev.taskyard.core.Taskyard;
import dev.taskyard.core.redis.RedisMasters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/**
 * Started once the engine has reached Redis: then the node can serve. It stays started when Redis
 * goes away later (readiness says so). PostgreSQL is not required to start, since tasks run without
 * it; the schema version is shown once migrated.
 */
@Startup
@ApplicationScoped
public class EngineStartupCheck implements HealthCheck {
  static final String NAME = "engine";

  @Inject Instance<Taskyard> taskyard;
  @Inject DatabaseSchema schema;
  @Inject HealthFailures failures;

  private volatile boolean connected;

  @Override
  public HealthCheckResponse call() {
    if (!connected) {
      try {
        connected = RedisMasters.pingAll(taskyard.get().redisson(), 2, TimeUnit.SECONDS);
      } catch (RuntimeException e) {
        return HealthCheckResponse.named(NAME)
            .down()
            .withData("error", failures.report(NAME, "Redis is unavailable", e))
            .build();
      }
    }
    return HealthCheckResponse.named(NAME)
        .status(connected)
        .withData("redis", connected ? "connected" : "no PING answer yet")
        .withData("schemaVersion", schema.version().orElse("not migrated yet"))
        .build();
  }
}
