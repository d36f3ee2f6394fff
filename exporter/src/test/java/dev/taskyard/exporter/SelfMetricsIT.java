package dev.taskyard.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskyard.core.Taskyard;
import dev.taskyard.core.TaskyardOptions;
import dev.taskyard.core.redis.QueueKeys;
import dev.taskyard.core.testing.RedisQueue;
import dev.taskyard.core.testing.TaskFixtures;
import dev.taskyard.core.testing.TestRedis;
import dev.taskyard.embedded.EmbeddedRedis;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

class SelfMetricsIT {
  private static final String VERSION = SelfMetrics.buildVersion();
  private static final Set<String> SELF =
      Set.of(
          "taskyard_exporter_build", // exposed with the _info suffix
          "taskyard_exporter_scrape_duration_seconds",
          "taskyard_exporter_scrape_success",
          "taskyard_redis_up");

  @RegisterExtension final RedisQueue queue = new RedisQueue();

  @Test
  void aFullReadReportsRedisUpAndSuccessWithTheBuildVersion() {
    String text = Exposition.text(selfMetricsOf(Exposition.reader()));

    Exposition.assertMatchesGolden(text.replace(VERSION, "VERSION"), "self-up");
    assertThat(VERSION).as("the build's version").matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
  }

  @Test
  void aPartThatCannotBeReadIsLeftOutAndTheScrapeCountsAsFailed() {
    TestRedis.get().taskyard().producer().submit(queue.name(), TaskFixtures.aTask());
    RedissonClient redis = TestRedis.get().redisson();
    String node = "broken-" + queue.name();
    // A worker record the registry cannot parse: the worker part fails, the rest is read.
    redis.getScoredSortedSet(QueueKeys.WORKERS, StringCodec.INSTANCE).add(Long.MAX_VALUE / 2, node);
    redis.getMap(QueueKeys.worker(node), StringCodec.INSTANCE).put("queues", "x");
    try {
      List<MetricSnapshot> all =
          new TaskyardCollector(Exposition.reader(), new SelfMetrics()).collect().stream().toList();
      String text = Exposition.text(all);

      assertThat(text)
          .contains("taskyard_redis_up 1.0")
          .contains("taskyard_exporter_scrape_success 0.0")
          .contains("taskyard_tasks{queue=\"" + queue.name() + "\",state=\"queued\"} 1.0")
          .doesNotContain("taskyard_worker_");
    } finally {
      redis.getScoredSortedSet(QueueKeys.WORKERS, StringCodec.INSTANCE).remove(node);
      redis.getKeys().delete(QueueKeys.worker(node));
    }
  }

  @Test
  void withRedisDownOnlyTheExportersOwnMetricsAnswer() {
    ExecutorService parts = Executors.newFixedThreadPool(6);
    RedissonClient redisson = Redisson.create(Exporter.redisConfig(options(closedPort())));
    try {
      Taskyard taskyard = Taskyard.create(redisson, TaskyardOptions.defaults());
      String text =
          Exposition.text(
              new TaskyardCollector(new RedisReader(taskyard, parts), new SelfMetrics())
                  .collect().stream().toList());

      Exposition.assertMatchesGolden(text.replace(VERSION, "VERSION"), "self-redis-down");
      assertThat(text).doesNotContain("queue=");
    } finally {
      redisson.shutdown();
      parts.shutdownNow();
    }
  }

  private static List<MetricSnapshot> selfMetricsOf(RedisReader reader) {
    return new TaskyardCollector(reader, new SelfMetrics())
        .collect().stream()
            .filter(m -> SELF.contains(m.getMetadata().getPrometheusName()))
            .toList();
  }

  private static ExporterOptions options(int redisPort) {
    return ExporterOptions.parse(
        new String[] {"--redis-url", "redis://127.0.0.1:" + redisPort, "--listen", "127.0.0.1:0"},
        Map.of());
  }

  /** A port nothing listens on: a free one, closed again at once. */
  private static int closedPort() {
    return EmbeddedRedis.freePort();
  }
}
