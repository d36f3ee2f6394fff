package dev.taskyard.app.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisNodes;

/** Ready while Redis answers a PING in time: without Redis no task can move. */
@Readiness
@ApplicationScoped
public class RedisReadinessCheck implements HealthCheck {
  static final String NAME = "redis";
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  @Inject Instance<RedissonClient> redisson;

  @Override
  public HealthCheckResponse call() {
    try {
      boolean answered =
          redisson
              .get()
              .getRedisNodes(RedisNodes.SINGLE)
              .pingAll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return answered
          ? HealthCheckResponse.up(NAME)
          : HealthCheckResponse.named(NAME)
              .down()
              .withData("error", "no PING answer within " + TIMEOUT.toMillis() + " ms")
              .build();
    } catch (RuntimeException e) {
      return HealthCheckResponse.named(NAME).down().withData("error", String.valueOf(e)).build();
    }
  }
}
