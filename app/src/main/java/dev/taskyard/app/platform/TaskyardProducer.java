package dev.taskyard.app.platform;

import dev.taskyard.core.Taskyard;
import dev.taskyard.core.TaskyardOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;

/**
 * The engine of this node: one Redisson client and one {@link Taskyard} on it, made on first use
 * and shut down with the application. The Redis URL comes from MicroProfile Config: {@code
 * taskyard.redis.url}, or the environment variable {@code TASKYARD_REDIS_URL}.
 */
@ApplicationScoped
public class TaskyardProducer {

  @Inject
  @ConfigProperty(name = "taskyard.redis.url")
  String redisUrl;

  @Produces
  @ApplicationScoped
  RedissonClient redisson() {
    return Redisson.create(Taskyard.redisConfig(redisUrl));
  }

  // Taskyard is final, so it cannot sit behind a normal-scope proxy: one instance, no proxy.
  @Produces
  @Singleton
  Taskyard taskyard(RedissonClient redisson) {
    return Taskyard.create(redisson, TaskyardOptions.defaults());
  }

  void closeTaskyard(@Disposes Taskyard taskyard) {
    taskyard.close();
  }

  void closeRedisson(@Disposes RedissonClient redisson) {
    redisson.shutdown();
  }
}
