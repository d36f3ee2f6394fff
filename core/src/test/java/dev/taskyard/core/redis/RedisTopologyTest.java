package dev.taskyard.core.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskyard.core.redis.RedisTopology.Cluster;
import dev.taskyard.core.redis.RedisTopology.Sentinel;
import dev.taskyard.core.redis.RedisTopology.SingleServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.redisson.config.Config;
import org.redisson.config.ReadMode;

class RedisTopologyTest {

  private static RedisTopology parse(String... pairs) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      values.put(pairs[i], pairs[i + 1]);
    }
    return RedisTopology.parse(RedisSettings.of(values));
  }

  private static Durability durability(String... pairs) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      values.put(pairs[i], pairs[i + 1]);
    }
    return RedisTopology.durability(RedisSettings.of(values));
  }

  @Test
  void durabilityIsAsyncUnlessSet() {
    assertThat(durability(RedisTopology.URL, "redis://r:1")).isEqualTo(Durability.ASYNC);
  }

  @Test
  void replicatedDurabilityTakesItsTimeoutInMilliseconds() {
    assertThat(
            durability(
                RedisTopology.CLUSTER_NODES, "c:1",
                RedisTopology.DURABILITY, " Replicated ",
                RedisTopology.REPLICATION_TIMEOUT_MS, "250"))
        .isEqualTo(Durability.replicated(Duration.ofMillis(250)));
    assertThat(
            durability(
                RedisTopology.SENTINEL_MASTER, "m",
                RedisTopology.SENTINEL_NODES, "s:1",
                RedisTopology.DURABILITY, "replicated"))
        .isEqualTo(Durability.replicated(Durability.DEFAULT_REPLICATION_TIMEOUT));
  }

  @Test
  void replicatedDurabilityOnOneServerFailsNamingTheSettings() {
    assertThatThrownBy(
            () ->
                durability(
                    RedisTopology.URL, "redis://r:1", RedisTopology.DURABILITY, "replicated"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(RedisTopology.DURABILITY + "=replicated needs replicas")
        .hasMessageContaining(RedisTopology.URL);
  }

  @ParameterizedTest
  @CsvSource({
    "taskyard.redis.durability, sync, 'taskyard.redis.durability must be async or replicated, not sync'",
    "taskyard.redis.replication-timeout-ms, 0, 'taskyard.redis.replication-timeout-ms must be milliseconds from 1 to 60000, not 0'",
    "taskyard.redis.replication-timeout-ms, 1s, 'taskyard.redis.replication-timeout-ms must be milliseconds from 1 to 60000, not 1s'",
    "taskyard.redis.replication-timeout-ms, 60001, 'taskyard.redis.replication-timeout-ms must be milliseconds from 1 to 60000, not 60001'"
  })
  void badDurabilitySettingFailsNamingIt(String setting, String value, String message) {
    assertThatThrownBy(() -> durability(RedisTopology.CLUSTER_NODES, "c:1", setting, value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void durabilityErrorsNameTheEnvironmentVariable() {
    assertThatThrownBy(
            () ->
                RedisTopology.durability(
                    RedisSettings.environment(
                        Map.of(
                            "TASKYARD_REDIS_CLUSTER_NODES", "c:1",
                            "TASKYARD_REDIS_DURABILITY", "always"))))
        .hasMessage("TASKYARD_REDIS_DURABILITY must be async or replicated, not always");
  }

  @Test
  void urlChoosesOneServer() {
    assertThat(parse(RedisTopology.URL, "rediss://:pw@r:6380/2"))
        .isEqualTo(new SingleServer("rediss://:pw@r:6380/2"));
  }

  @Test
  void passwordSettingGoesIntoTheUrl() {
    RedisTopology topology =
        parse(RedisTopology.URL, "redis://r:6379", RedisTopology.PASSWORD, "p@ss word");
    assertThat(topology).isEqualTo(new SingleServer("redis://:p%40ss%20word@r:6379"));
    assertThat(topology.describe()).isEqualTo("redis://***@r:6379");
    assertThat(topology).hasToString("redis://***@r:6379");
  }

  @Test
  void sentinelMasterAndNodesChooseSentinel() {
    RedisTopology topology =
        parse(
            RedisTopology.SENTINEL_MASTER, "mymaster",
            RedisTopology.SENTINEL_NODES, "s1:26379, s2:26379,redis://s3:26379",
            RedisTopology.PASSWORD, "data-secret",
            RedisTopology.SENTINEL_PASSWORD, "sentinel-secret");
    assertThat(topology)
        .isEqualTo(
            new Sentinel(
                "mymaster",
                List.of("redis://s1:26379", "redis://s2:26379", "redis://s3:26379"),
                new RedisTopology.Credentials(Optional.empty(), Optional.of("data-secret")),
                Optional.of("sentinel-secret")));
    assertThat(topology.toString()).doesNotContain("secret");
    Config config = topology.config();
    assertThat(config.useSentinelServers().getMasterName()).isEqualTo("mymaster");
    assertThat(config.useSentinelServers().getSentinelAddresses()).hasSize(3);
    assertThat(config.getPassword()).isEqualTo("data-secret");
    assertThat(config.useSentinelServers().getSentinelPassword()).isEqualTo("sentinel-secret");
    assertThat(config.useSentinelServers().getReadMode()).isEqualTo(ReadMode.MASTER);
  }

  @Test
  void clusterNodesChooseClusterReadingFromMasters() {
    RedisTopology topology =
        parse(RedisTopology.CLUSTER_NODES, "rediss://c1:7000,rediss://c2:7001");
    assertThat(topology)
        .isEqualTo(
            new Cluster(
                List.of("rediss://c1:7000", "rediss://c2:7001"), RedisTopology.Credentials.NONE));
    assertThat(topology.describe())
        .isEqualTo("Redis Cluster via rediss://c1:7000,rediss://c2:7001");
    Config config = topology.config();
    assertThat(config.isClusterConfig()).isTrue();
    assertThat(config.useClusterServers().getNodeAddresses()).hasSize(2);
    assertThat(config.useClusterServers().getReadMode()).isEqualTo(ReadMode.MASTER);
    assertThat(config.isUseScriptCache()).isTrue();
  }

  @Test
  void timeoutsApplyToWhicheverTopologyIsUsed() {
    for (RedisTopology topology :
        List.of(
            parse(RedisTopology.URL, "redis://r:1"),
            parse(RedisTopology.CLUSTER_NODES, "c:1"),
            parse(RedisTopology.SENTINEL_MASTER, "m", RedisTopology.SENTINEL_NODES, "s:1"))) {
      Config config = topology.config();
      RedisTopology.servers(config).setTimeout(1234);
      assertThat(RedisTopology.servers(config).getTimeout()).isEqualTo(1234);
    }
  }

  @Test
  void errorsNameTheSettingAsTheCallerSpellsIt() {
    RedisSettings flags =
        new RedisSettings() {
          @Override
          public Optional<String> get(String name) {
            return name.equals(RedisTopology.CLUSTER_NODES) ? Optional.of("c") : Optional.empty();
          }

          @Override
          public String label(String name) {
            return "--" + name.replace("taskyard.", "").replace('.', '-');
          }
        };
    assertThatThrownBy(() -> RedisTopology.parse(flags))
        .hasMessage(
            "--redis-cluster-nodes must look like host:port,host:port (or redis://host:port,"
                + " rediss://...), not redis://c");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          nothing set                      | ||| | no Redis is configured: set taskyard.redis.url, or taskyard.redis.sentinel.master with taskyard.redis.sentinel.nodes, or taskyard.redis.cluster.nodes
          url and cluster                  | redis://r:1 ||| c:1 | set only one Redis topology, not taskyard.redis.url and taskyard.redis.cluster.nodes
          sentinel and cluster             | | m | s:1 | c:1 | set only one Redis topology, not taskyard.redis.sentinel.master with taskyard.redis.sentinel.nodes and taskyard.redis.cluster.nodes
          http url                         | http://r:1 ||| | taskyard.redis.url must look like redis://[[user]:password@]host:port[/db] or rediss://..., not http://r:1
          url without port                 | redis://r ||| | taskyard.redis.url must look like
          url with a path                  | redis://r:1/queues ||| | taskyard.redis.url may end only in a database number
          password not echoed              | redis://:secret@r ||| | not redis://***@r
          master without sentinels         | | m || | taskyard.redis.sentinel.nodes is required with taskyard.redis.sentinel.master
          sentinels without master         | || s:1 | | taskyard.redis.sentinel.master is required with taskyard.redis.sentinel.nodes
          master name with spaces          | | my master | s:1 | | taskyard.redis.sentinel.master must be a name
          sentinel without port            | | m | s | | taskyard.redis.sentinel.nodes must look like host:port,host:port
          empty node entry                 | ||| c:1,,c:2 | taskyard.redis.cluster.nodes has an empty entry
          node with a password             | ||| redis://:pw@c:1 | taskyard.redis.cluster.nodes lists host:port only; put the password in taskyard.redis.password
          mixed TLS and plain nodes        | ||| rediss://c:1,c:2 | taskyard.redis.cluster.nodes mixes redis:// and rediss://
          port out of range                | ||| c:70000 | taskyard.redis.cluster.nodes must look like
          """)
  void badSettingsAreRefusedNamingTheSetting(
      String label, String url, String master, String sentinels, String cluster, String error) {
    Map<String, String> values = new HashMap<>();
    putIfSet(values, RedisTopology.URL, url);
    putIfSet(values, RedisTopology.SENTINEL_MASTER, master);
    putIfSet(values, RedisTopology.SENTINEL_NODES, sentinels);
    putIfSet(values, RedisTopology.CLUSTER_NODES, cluster);
    assertThatThrownBy(() -> RedisTopology.parse(RedisSettings.of(values)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(error);
  }

  @Test
  void passwordInUrlAndSettingAtOnceIsRefused() {
    assertThatThrownBy(
            () -> parse(RedisTopology.URL, "redis://:a@r:1", RedisTopology.PASSWORD, "b"))
        .hasMessage(
            "set the password in taskyard.redis.url or in"
                + " taskyard.redis.password/taskyard.redis.username, not both");
  }

  @Test
  void sentinelPasswordWithoutSentinelIsRefused() {
    assertThatThrownBy(
            () -> parse(RedisTopology.URL, "redis://r:1", RedisTopology.SENTINEL_PASSWORD, "s"))
        .hasMessage("taskyard.redis.sentinel.password is set but no Sentinel is configured");
  }

  private static void putIfSet(Map<String, String> values, String name, String value) {
    if (value != null) {
      values.put(name, value);
    }
  }
}
