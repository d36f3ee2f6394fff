package dev.taskyard.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskyard.core.Taskyard;
import dev.taskyard.core.TaskyardOptions;
import dev.taskyard.embedded.EmbeddedRedis;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;

class SelfMetricsIT {
  private static final String VERSION = SelfMetrics.buildVersion();

  @Test
  void aFullReadReportsRedisUpAndSuccessWithTheBuildVersion() {
    String text =
        Exposition.text(
            new TaskyardCollector(Exposition.reader(), new SelfMetrics())
                .collect().stream()
                    .filter(
                        m ->
                            m.getMetadata().getPrometheusName().startsWith("taskyard_exporter")
                                || m.getMetadata().getPrometheusName().equals("taskyard_redis_up"))
                    .toList());

    Exposition.assertMatchesGolden(text.replace(VERSION, "VERSION"), "self-up");
  }

  @Test
  void withRedisDownOnlyTheExportersOwnMetricsAnswer() {
    ExecutorService parts = Executors.newFixedThreadPool(6);
    RedissonClient redisson = Redisson.create(Exporter.redisConfig(options(closedPort())));
    try {
      Taskyard taskyard = Taskyard.create(redisson, TaskyardOptions.defaults());
      String text =
          Exposition.text(
              List.copyOf(
                  new TaskyardCollector(new RedisReader(taskyard, parts), new SelfMetrics())
                      .collect().stream().toList()));

      Exposition.assertMatchesGolden(text.replace(VERSION, "VERSION"), "self-redis-down");
      assertThat(text).doesNotContain("queue=");
    } finally {
      redisson.shutdown();
      parts.shutdownNow();
    }
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
