package dev.taskyard.core.redis;

import static dev.taskyard.core.testing.TaskFixtures.aTask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskyard.core.Taskyard;
import dev.taskyard.core.testing.RedisQueue;
import dev.taskyard.core.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ScriptCacheIT {
  @RegisterExtension final RedisQueue queue = new RedisQueue();
  private final Taskyard taskyard = TestRedis.get().taskyard();

  @Test
  void scriptsStillRunAfterRedisLostItsScriptCache() {
    taskyard.producer().submit(queue.name(), aTask());

    // What a Redis restart does to the script cache.
    TestRedis.get().redisson().getScript().scriptFlush();

    taskyard.producer().submit(queue.name(), aTask());
    assertThat(taskyard.stats().status(queue.name()).queued()).isEqualTo(2);
  }

  @Test
  void queueWhoseConfigWasLostIsRegisteredAgain() {
    taskyard.producer().submit(queue.name(), aTask());
    TestRedis.get().redisson().getKeys().delete(queue.keys().config());

    taskyard.producer().submit(queue.name(), aTask());

    assertThat(taskyard.queues().settings(queue.name()).maxAttempts()).isEqualTo(3);
    assertThat(taskyard.stats().status(queue.name()).queued()).isEqualTo(2);
  }
}
