package dev.taskyard.exporter;

import static dev.taskyard.core.testing.TaskFixtures.aTask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskyard.core.Taskyard;
import dev.taskyard.core.redis.ClusterSlots;
import dev.taskyard.core.redis.QueueKeys;
import dev.taskyard.core.redis.RedisTopology;
import dev.taskyard.core.testing.LocalRedisCluster;
import dev.taskyard.core.testing.LocalRedisSentinel;
import dev.taskyard.embedded.EmbeddedRedis;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The built jar reading a Redis Cluster and a Sentinel-managed master, configured by the
 * environment as an operator would (the {@code redis-topologies} profile runs it where Debian's
 * redis-server is installed).
 */
class ExporterTopologyIT {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void publishesTheQueuesOfEveryShardOfARedisCluster() throws Exception {
    try (LocalRedisCluster cluster = LocalRedisCluster.start()) {
      RedisTopology.Cluster topology = (RedisTopology.Cluster) cluster.topology();
      List<String> queues = queues(8);
      assertThat(queues.stream().map(q -> ClusterSlots.of(new QueueKeys(q).queued())).distinct())
          .as("queues in different slots")
          .hasSizeGreaterThan(1);

      String scrape =
          scrapeWith(
              topology,
              queues,
              Map.of("TASKYARD_REDIS_CLUSTER_NODES", String.join(",", topology.nodes())));

      queues.forEach(
          q ->
              assertThat(scrape)
                  .contains("taskyard_tasks{queue=\"" + q + "\",state=\"queued\"} 1.0"));
    }
  }

  @Test
  void publishesTheQueuesOfTheMasterSentinelNames() throws Exception {
    try (LocalRedisSentinel sentinel = LocalRedisSentinel.start()) {
      RedisTopology.Sentinel topology = (RedisTopology.Sentinel) sentinel.topology();
      List<String> queues = queues(2);

      String scrape =
          scrapeWith(
              topology,
              queues,
              Map.of(
                  "TASKYARD_REDIS_SENTINEL_MASTER", topology.master(),
                  "TASKYARD_REDIS_SENTINEL_NODES", String.join(",", topology.nodes())));

      queues.forEach(
          q ->
              assertThat(scrape)
                  .contains("taskyard_tasks{queue=\"" + q + "\",state=\"queued\"} 1.0"));
    }
  }

  private static List<String> queues(int count) {
    String run = UUID.randomUUID().toString().substring(0, 8);
    return IntStream.range(0, count).mapToObj(i -> "topology-" + run + "-" + i).toList();
  }

  /** Submits a task to each queue, then scrapes the exporter jar started with {@code env}. */
  private String scrapeWith(RedisTopology topology, List<String> queues, Map<String, String> env)
      throws Exception {
    try (Taskyard taskyard = Taskyard.connect(topology)) {
      queues.forEach(q -> taskyard.producer().submit(q, aTask()));
    }
    int port = EmbeddedRedis.freePort();
    try (ExporterProcess exporter = ExporterProcess.start(env, "--listen", "127.0.0.1:" + port)) {
      HttpResponse<String> scrape =
          exporter.get(http, URI.create("http://127.0.0.1:" + port + "/metrics"), null, null);
      assertThat(scrape.statusCode()).isEqualTo(200);
      assertThat(scrape.body())
          .contains("taskyard_redis_up 1.0")
          .contains("taskyard_exporter_scrape_success 1.0");
      Promtool.assertCleanMetrics(scrape.body());
      assertThat(exporter.output()).doesNotContain("Could not read");
      return scrape.body();
    }
  }
}
