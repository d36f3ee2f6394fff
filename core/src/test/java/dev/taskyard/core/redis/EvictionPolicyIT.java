package dev.taskyard.core.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskyard.core.Taskyard;
import dev.taskyard.core.testing.TestRedis;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.redisnode.RedisNode;

class EvictionPolicyIT {
  private static final String POLICY = "maxmemory-policy";

  // One master of a cluster is enough: the policy read is the first unsafe one of every master.
  private final RedisNode server = RedisMasters.any(TestRedis.get().redisson());
  private String before;

  @BeforeEach
  void rememberPolicy() {
    before = server.getConfig(POLICY).get(POLICY);
  }

  @AfterEach
  void restorePolicy() {
    server.setConfig(POLICY, before);
  }

  @Test
  void noevictionIsSafeAndNeedsNoWarning() {
    server.setConfig(POLICY, "noeviction");

    EvictionPolicy policy = EvictionPolicy.read(TestRedis.get().redisson());

    assertThat(policy.name()).contains("noeviction");
    assertThat(policy.evicts()).isFalse();
    assertThat(policy.warning()).isEmpty();
  }

  @Test
  void aPolicyThatEvictsIsReportedWithAWarningNamingIt() {
    server.setConfig(POLICY, "allkeys-lru");

    EvictionPolicy policy = EvictionPolicy.read(TestRedis.get().redisson());

    assertThat(policy.evicts()).isTrue();
    assertThat(policy.warning())
        .hasValueSatisfying(w -> assertThat(w).contains("allkeys-lru", "noeviction"));
  }

  @Test
  void connectingToARedisThatEvictsLogsTheWarning() {
    server.setConfig(POLICY, "allkeys-lru");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream stderr = System.err;
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    try (Taskyard ignored = TestRedis.get().newNode()) {
      // connecting is enough
    } finally {
      System.setErr(stderr);
    }

    assertThat(log.toString(StandardCharsets.UTF_8))
        .contains("WARN")
        .contains("maxmemory-policy is allkeys-lru, not noeviction");
  }
}
