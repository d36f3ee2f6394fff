package dev.taskyard.core.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskyard.core.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.redisson.api.redisnode.RedisNode.InfoSection;

/**
 * The integration tests run against the Redis they were meant for: each failsafe execution names
 * the lowest version it expects ({@code taskyard.it.redisMinVersion}), so a run meant for a current
 * Redis cannot pass on the embedded 6.2 unnoticed.
 */
class RedisVersionIT {

  @Test
  void theServerIsAtLeastTheVersionThisRunIsFor() {
    String version =
        RedisMasters.any(TestRedis.get().redisson()).info(InfoSection.SERVER).get("redis_version");
    String least = System.getProperty("taskyard.it.redisMinVersion", "6.2");

    assertThat(compare(version, least)).as("Redis %s, at least %s", version, least).isNotNegative();
  }

  /** Compares dotted versions numerically, part by part. */
  private static int compare(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      int d =
          Integer.compare(
              i < x.length ? Integer.parseInt(x[i]) : 0, i < y.length ? Integer.parseInt(y[i]) : 0);
      if (d != 0) {
        return d;
      }
    }
    return 0;
  }
}
