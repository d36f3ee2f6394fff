package dev.taskyard.bench;

import dev.taskyard.core.redis.RedisMasters;
import java.lang.management.ManagementFactory;
import java.util.Map;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisNode;
import org.redisson.api.redisnode.RedisNode.InfoSection;

/**
 * CPU time used so far by this JVM and by the Redis server ({@code INFO cpu}, user plus system; on
 * a cluster the sum over its masters), in microseconds. On a machine of few cores the two compete,
 * so their sum per task bounds throughput.
 */
public record CpuTime(long jvmMicros, long redisMicros) {

  static CpuTime read(RedissonClient redisson) {
    long jvm = -1;
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      jvm = os.getProcessCpuTime() / 1000;
    }
    double redisSeconds = 0;
    for (RedisNode master : RedisMasters.of(redisson)) {
      Map<String, String> info = master.info(InfoSection.CPU);
      redisSeconds +=
          Double.parseDouble(info.getOrDefault("used_cpu_user", "0"))
              + Double.parseDouble(info.getOrDefault("used_cpu_sys", "0"));
    }
    return new CpuTime(jvm, Math.round(redisSeconds * 1e6));
  }

  CpuTime minus(CpuTime earlier) {
    return new CpuTime(jvmMicros - earlier.jvmMicros, redisMicros - earlier.redisMicros);
  }
}
