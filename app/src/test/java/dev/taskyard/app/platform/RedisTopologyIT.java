package dev.taskyard.app.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.taskyard.app.ApiClient;
import dev.taskyard.app.PayaraNode;
import dev.taskyard.core.redis.QueueKeys;
import dev.taskyard.core.redis.RedisTopology;
import dev.taskyard.core.testing.LocalRedisCluster;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The application on other Redis topologies than one server, configured as an operator would (the
 * {@code redis-topologies} profile runs it where Debian's redis-server is installed).
 */
class RedisTopologyIT {
  private static final Path WAR = Path.of(System.getProperty("taskyard.it.war"));

  @Test
  void aNodeOnARedisClusterIsReadyAndItsSubmitsReachTheHistory() throws Exception {
    try (LocalRedisCluster cluster = LocalRedisCluster.start()) {
      try (PayaraNode node = nodeOn(cluster, "it-redis-cluster-node", Map.of())) {
        long logStart = node.logSize();
        ApiClient api = ApiClient.asAdmin(node.url());
        String queue = "cluster-" + UUID.randomUUID().toString().substring(0, 8);

        HttpResponse<String> submitted =
            api.post(
                "api/queue/tasks", "{\"queue\":\"" + queue + "\",\"type\":\"t\",\"payload\":{}}");

        assertThat(submitted.statusCode()).as(submitted.body()).isBetween(200, 202);
        // The archiver watches the queues' streams slot by slot and writes the task's history.
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    api.get("api/queue/tasks?state=QUEUED&queue=" + queue)
                        .body()
                        .contains("\"queue\":\"" + queue + "\""));
        assertThat(node.loggersWithStackTraces(logStart)).isEmpty();
      }
    }
  }

  /**
   * At durability {@code replicated}, a submit the promoted master has no replica to confirm (each
   * master here has one replica, which took over) is refused as "Not replicated", not accepted.
   */
  @Test
  void aSubmitNoReplicaConfirmedIsA503NotReplicated() throws Exception {
    try (LocalRedisCluster cluster = LocalRedisCluster.start()) {
      try (PayaraNode node =
          nodeOn(
              cluster,
              "it-redis-replicated-node",
              Map.of(
                  RedisTopology.DURABILITY,
                  "replicated",
                  RedisTopology.REPLICATION_TIMEOUT_MS,
                  "200"))) {
        ApiClient api = ApiClient.asAdmin(node.url());
        String queue = "replicated-" + UUID.randomUUID().toString().substring(0, 8);
        String task = "{\"queue\":\"" + queue + "\",\"type\":\"t\",\"payload\":{}}";
        HttpResponse<String> confirmed = api.post("api/queue/tasks", task);
        assertThat(confirmed.statusCode()).as(confirmed.body()).isBetween(200, 202);

        cluster.killMasterOf(new QueueKeys(queue).queued());

        // While the slot has no master the answer is "Redis unavailable"; then the promoted
        // replica takes the task but has no replica of its own to confirm it.
        await()
            .atMost(Duration.ofSeconds(60))
            .untilAsserted(
                () -> {
                  HttpResponse<String> refused = api.post("api/queue/tasks", task);
                  assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
                  assertThat(refused.body())
                      .contains("\"title\":\"Not replicated\"")
                      .contains("outcome is unknown");
                  assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
                });
      }
    }
  }

  /** A node configured for {@code cluster} (the test settings' single server unset). */
  private static PayaraNode nodeOn(
      LocalRedisCluster cluster, String name, Map<String, String> settings) {
    Map<String, String> all = new HashMap<>(settings);
    all.put(RedisTopology.URL, "");
    all.put(
        RedisTopology.CLUSTER_NODES,
        String.join(",", ((RedisTopology.Cluster) cluster.topology()).nodes()));
    return PayaraNode.start(name, WAR, all);
  }

  @Test
  void aHalfConfiguredSentinelFailsTheDeploymentNamingTheSetting() throws Exception {
    String name = "it-half-sentinel-node";
    assertThatThrownBy(
            () ->
                PayaraNode.start(
                    name,
                    WAR,
                    Map.of(RedisTopology.URL, "", RedisTopology.SENTINEL_MASTER, "taskyard")))
        .isInstanceOf(IllegalStateException.class);

    Path log = Path.of(System.getProperty("payara.microJar")).resolveSibling(name + ".log");
    assertThat(Files.readString(log))
        .contains("taskyard.redis.sentinel.nodes is required with taskyard.redis.sentinel.master");
  }
}
