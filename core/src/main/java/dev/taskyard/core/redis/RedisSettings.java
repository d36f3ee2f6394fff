package dev.taskyard.core.redis;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where a module reads the Redis settings from (MicroProfile Config, command-line flags, the
 * environment), by their canonical names such as {@value RedisTopology#URL}, and how it names a
 * setting back to the user in an error.
 */
public interface RedisSettings {

  /** The setting's value, empty when it is unset or blank. */
  Optional<String> get(String name);

  /** How the user sets {@code name} here, for error messages. */
  default String label(String name) {
    return name;
  }

  /** Settings from a map keyed by canonical name. */
  static RedisSettings of(Map<String, String> values) {
    return name -> Optional.ofNullable(values.get(name)).filter(v -> !v.isBlank());
  }

  /**
   * Settings from environment variables, named as MicroProfile Config maps them: {@code
   * taskyard.redis.sentinel.master} is {@code TASKYARD_REDIS_SENTINEL_MASTER}.
   */
  static RedisSettings environment(Map<String, String> env) {
    return new RedisSettings() {
      @Override
      public Optional<String> get(String name) {
        return Optional.ofNullable(env.get(variable(name))).filter(v -> !v.isBlank());
      }

      @Override
      public String label(String name) {
        return variable(name);
      }
    };
  }

  /**
   * The environment variable of a setting: {@code taskyard.redis.url} is {@code
   * TASKYARD_REDIS_URL}.
   */
  static String variable(String name) {
    return name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** True when any setting that chooses a topology is set. */
  default boolean choosesTopology() {
    return Stream.of(
            RedisTopology.URL,
            RedisTopology.SENTINEL_MASTER,
            RedisTopology.SENTINEL_NODES,
            RedisTopology.CLUSTER_NODES)
        .anyMatch(name -> get(name).isPresent());
  }
}
