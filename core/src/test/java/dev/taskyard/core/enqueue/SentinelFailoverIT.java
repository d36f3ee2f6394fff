package dev.taskyard.core.enqueue;

import dev.taskyard.core.redis.RedisTopology;
import dev.taskyard.core.testing.LocalRedisSentinel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** {@link FailoverContract} on a Sentinel-managed master with two replicas. */
class SentinelFailoverIT extends FailoverContract {
  private LocalRedisSentinel sentinel;

  @BeforeEach
  void startSentinel() {
    // Two replicas: after one took over, the other replicates from it, so WAIT 1 can succeed.
    sentinel = LocalRedisSentinel.start(2);
  }

  @AfterEach
  void stopSentinel() {
    sentinel.close();
  }

  @Override
  RedisTopology topology() {
    return sentinel.topology();
  }

  @Override
  void killMasterOf(String key) {
    sentinel.killMaster();
  }
}
