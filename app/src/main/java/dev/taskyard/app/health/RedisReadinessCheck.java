package dev.taskyard.app.health;

import dev.taskyard.app.platform.RedisCircuits;
import dev.taskyard.core.redis.EvictionPolicy;
import dev.taskyard.core.redis.RedisMasters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.redisson.api.RedissonClient;

/**
 * Ready while Redis answers a PING in time: without Redis no task can move. Shows the Redis
 * adapters' open circuits, and Redis's {@code maxmemory-policy} with a warning when it is not
 * {@code noeviction}: such a Redis deletes task records when full, but it still serves, so the
 * warning does not make the node unready.
 */
@Readiness
@ApplicationScoped
public class RedisReadinessCheck implements HealthCheck {
  static final String NAME = "redis";
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  @Inject Instance<RedissonClient> redisson;
  @Inject RedisCircuits circuits;
  @Inject HealthFailures failures;

  @Override
  public HealthCheckResponse call() {
    try {
      boolean answered =
          RedisMasters.pingAll(redisson.get(), TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      if (answered) {
        failures.recovered(NAME);
      }
      HealthCheckResponseBuilder response =
          HealthCheckResponse.named(NAME).status(answered).withData("openCircuits", openCircuits());
      return answered
          ? withEvictionPolicy(response).build()
          : response
              .withData("error", "no PING answer within " + TIMEOUT.toMillis() + " ms")
              .build();
    } catch (RuntimeException e) {
      return HealthCheckResponse.named(NAME)
          .down()
          .withData("openCircuits", openCircuits())
          .withData("error", failures.report(NAME, "Redis is unavailable", e))
          .build();
    }
  }

  private HealthCheckResponseBuilder withEvictionPolicy(HealthCheckResponseBuilder response) {
    EvictionPolicy policy = EvictionPolicy.read(redisson.get());
    response.withData("maxmemoryPolicy", policy.name().orElse("unknown"));
    policy.warning().ifPresent(w -> response.withData("warning", w));
    return response;
  }

  /** The Redis adapters' methods whose breakers refused calls, as {@code Class.method,...}. */
  private String openCircuits() {
    return circuits.open().stream()
        .map(RedisCircuits.Circuit::name)
        .collect(Collectors.joining(","));
  }
}
