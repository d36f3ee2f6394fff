package dev.taskyard.core.enqueue;

import dev.taskyard.core.redis.RedisTopology;
import dev.taskyard.core.testing.LocalRedisCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** {@link FailoverContract} on a Redis Cluster whose masters have two replicas each. */
class ClusterFailoverIT extends FailoverContract {
  private LocalRedisCluster cluster;

  @BeforeEach
  void startCluster() {
    // Two replicas: after one took over, the other replicates from it, so WAIT 1 can succeed.
    cluster = LocalRedisCluster.start(2);
  }

  @AfterEach
  void stopCluster() {
    cluster.close();
  }

  @Override
  RedisTopology topology() {
    return cluster.topology();
  }

  @Override
  void killMasterOf(String key) {
    cluster.killMasterOf(key);
  }
}
