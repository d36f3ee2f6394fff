package dev.taskyard.app.tasks;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This node's submit circuit breakers, one per queue: a queue that refuses submits as full {@code
 * taskyard.api.submit-breaker.failures} times within {@code window-ms} refuses further submits
 * without asking Redis for {@code open-ms}, then lets one trial through.
 */
@ApplicationScoped
public class SubmitBreakers {

  @Inject
  @ConfigProperty(name = "taskyard.api.submit-breaker.failures", defaultValue = "5")
  int failures;

  @Inject
  @ConfigProperty(name = "taskyard.api.submit-breaker.window-ms", defaultValue = "10000")
  long windowMs;

  @Inject
  @ConfigProperty(name = "taskyard.api.submit-breaker.open-ms", defaultValue = "5000")
  long openMs;

  private KeyedCircuitBreaker breaker;

  @PostConstruct
  void create() {
    breaker =
        new KeyedCircuitBreaker(
            new KeyedCircuitBreaker.Settings(
                failures, Duration.ofMillis(windowMs), Duration.ofMillis(openMs)),
            Clock.systemUTC());
  }

  public KeyedCircuitBreaker breaker() {
    return breaker;
  }
}
