package dev.taskyard.app.tasks;

import dev.taskyard.core.control.RateLimiter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The submit rate limit of each queue, in tasks per second across all nodes, from MicroProfile
 * Config: {@code taskyard.api.submit-rate.<queue>}, else {@code taskyard.api.submit-rate.default}
 * (0 or unset: unlimited). The burst ({@code taskyard.api.submit-burst.<queue>} or {@code
 * .default}) defaults to one second's worth.
 */
@ApplicationScoped
public class SubmitRateLimits {
  static final String RATE = "taskyard.api.submit-rate.";
  static final String BURST = "taskyard.api.submit-burst.";

  /**
   * The queue's limit; empty when unlimited. Read on every call, so a config source may change it.
   */
  public Optional<RateLimiter.Limit> of(String queue) {
    Config config = ConfigProvider.getConfig();
    double rate = value(config, RATE, queue, Double.class).orElse(0.0);
    if (rate <= 0) {
      return Optional.empty();
    }
    int burst =
        value(config, BURST, queue, Integer.class).orElse((int) Math.max(1, Math.ceil(rate)));
    return Optional.of(new RateLimiter.Limit(rate, burst));
  }

  /** The name of the queue's limiter: within the limiter names' 64 characters. */
  static String limiterName(String queue) {
    String name = "submit-" + queue;
    return name.length() <= 64
        ? name
        : name.substring(0, 55) + "-" + String.format("%08x", queue.hashCode());
  }

  private static <T> Optional<T> value(Config config, String prefix, String queue, Class<T> type) {
    return config
        .getOptionalValue(prefix + queue, type)
        .or(() -> config.getOptionalValue(prefix + "default", type));
  }
}
