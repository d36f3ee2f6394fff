package dev.taskyard.app.platform;

import dev.taskyard.core.Taskyard;
import dev.taskyard.core.TaskyardOptions;
import dev.taskyard.core.encryption.EncryptionKeys;
import dev.taskyard.core.redis.Durability;
import dev.taskyard.core.redis.RedisSettings;
import dev.taskyard.core.redis.RedisTopology;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.redisson.config.ConstantDelay;

/**
 * The engine of this node: one Redisson client and one {@link Taskyard} on it, made on first use
 * and shut down with the application. Where Redis is comes from MicroProfile Config: {@code
 * taskyard.redis.url} (or the environment variable {@code TASKYARD_REDIS_URL}), or a Sentinel or
 * Cluster ({@link RedisTopology}), and what a submit's acknowledgement means ({@link Durability});
 * bad or missing settings fail the deployment.
 */
@ApplicationScoped
public class TaskyardProducer {

  @Inject org.eclipse.microprofile.config.Config settings;

  @Inject
  @ConfigProperty(name = "taskyard.redis.timeout-ms", defaultValue = "1000")
  int timeoutMs;

  @Inject
  @ConfigProperty(name = "taskyard.redis.connect-timeout-ms", defaultValue = "1000")
  int connectTimeoutMs;

  @Inject
  @ConfigProperty(name = "taskyard.redis.retry-attempts", defaultValue = "1")
  int retryAttempts;

  @Inject
  @ConfigProperty(name = "taskyard.redis.retry-interval-ms", defaultValue = "100")
  int retryIntervalMs;

  /**
   * {@code id=base64,...}: 256-bit AES keys that seal payloads and results; none keeps them plain.
   */
  @Inject
  @ConfigProperty(name = "taskyard.encryption.keys")
  Optional<String> encryptionKeys;

  /** The key that seals new values; the first of {@code taskyard.encryption.keys} by default. */
  @Inject
  @ConfigProperty(name = "taskyard.encryption.active-key")
  Optional<String> activeKey;

  /**
   * Reads the topology and durability as the deployment starts, so that a bad setting fails it at
   * once.
   */
  void checkTopology(@Observes @Initialized(ApplicationScoped.class) Object started) {
    topology();
    durability();
  }

  private RedisTopology topology() {
    return RedisTopology.parse(redisSettings());
  }

  private Durability durability() {
    return RedisTopology.durability(redisSettings());
  }

  private RedisSettings redisSettings() {
    return name -> settings.getOptionalValue(name, String.class).filter(v -> !v.isBlank());
  }

  @Produces
  @ApplicationScoped
  RedissonClient redisson() {
    Config config = topology().config();
    // Redisson's defaults (3 s timeout, several retries 1.5 s apart) hold a request thread for
    // about six seconds while Redis is down; fail within about a second so that the API answers
    // 503 quickly and the adapters' circuit breakers can open.
    RedisTopology.servers(config)
        .setTimeout(timeoutMs)
        .setConnectTimeout(connectTimeoutMs)
        .setRetryAttempts(retryAttempts)
        .setRetryDelay(new ConstantDelay(Duration.ofMillis(retryIntervalMs)));
    return Redisson.create(config);
  }

  // Taskyard is final, so it cannot sit behind a normal-scope proxy: one instance, no proxy.
  @Produces
  @Singleton
  Taskyard taskyard(RedissonClient redisson) {
    TaskyardOptions options = TaskyardOptions.defaults().withDurability(durability());
    if (encryptionKeys.filter(k -> !k.isBlank()).isPresent()) {
      // A bad key fails the deployment: running with payloads unsealed is not an option then.
      options =
          options.withEncryption(
              EncryptionKeys.parse(encryptionKeys.get(), activeKey.orElse(null)));
    }
    return Taskyard.create(redisson, options);
  }

  void closeTaskyard(@Disposes Taskyard taskyard) {
    taskyard.close();
  }

  void closeRedisson(@Disposes RedissonClient redisson) {
    redisson.shutdown();
  }
}
