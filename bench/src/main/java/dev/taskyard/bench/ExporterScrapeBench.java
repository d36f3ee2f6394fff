package dev.taskyard.bench;

import dev.taskyard.core.Taskyard;
import dev.taskyard.core.redis.QueueKeys;
import dev.taskyard.core.redis.RedisTopology;
import dev.taskyard.embedded.EmbeddedRedis;
import dev.taskyard.exporter.Exporter;
import dev.taskyard.exporter.ExporterOptions;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.redisson.client.codec.StringCodec;

/**
 * How long a Prometheus scrape of the exporter takes, and that it does not grow with the number of
 * tasks: fills {@code queues} queues with a thousand tasks in all, times {@code scrapes} sequential
 * scrapes of {@code /metrics} over HTTP (after a warm-up), then fills them up to {@code tasks} and
 * times them again. Also counts the Redis commands one scrape runs. Removes its queues at the end.
 *
 * <p>Arguments: {@code [redis URL, or "" for an embedded Redis] [tasks=1000000] [queues=100]
 * [scrapes=2000]}; without a URL, the Redis the {@code TASKYARD_REDIS_*} variables name (a server,
 * Sentinel or Cluster), else an embedded one.
 */
public final class ExporterScrapeBench {
  private static final int SMALL = 1_000;

  private ExporterScrapeBench() {}

  public static void main(String[] args) throws Exception {
    Optional<RedisTopology> configured =
        args.length > 0
            ? Optional.of(args[0]).filter(url -> !url.isBlank()).map(RedisTopology::single)
            : BenchmarkOptions.envTopology();
    int tasks = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    int queueCount = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    int scrapes = args.length > 3 ? Integer.parseInt(args[3]) : 2_000;
    List<String> queues = new ArrayList<>();
    for (int i = 0; i < queueCount; i++) {
      queues.add("bench-scrape-" + i);
    }
    try (EmbeddedRedis embedded = configured.isEmpty() ? EmbeddedRedis.start() : null) {
      RedisTopology redis = configured.orElseGet(() -> RedisTopology.single(embedded.url()));
      scrape(redis, queues, tasks, scrapes);
    }
  }

  private static void scrape(RedisTopology redis, List<String> queues, int tasks, int scrapes)
      throws Exception {
    try (Taskyard taskyard = Taskyard.connect(redis);
        Exporter exporter = Exporter.start(ExporterOptions.of(redis, "127.0.0.1", 0))) {
      try {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest scrape = HttpRequest.newBuilder(exporter.address()).GET().build();
        Backlogs.fill(taskyard, queues, SMALL, "bench.scrape");
        measure(taskyard, http, scrape, scrapes, SMALL, queues.size());
        Backlogs.fill(taskyard, queues, tasks - SMALL, "bench.scrape");
        measure(taskyard, http, scrape, scrapes, tasks, queues.size());
      } finally {
        for (String queue : queues) {
          taskyard.redisson().getKeys().deleteByPattern("ty:{" + queue + "}:*");
          taskyard.redisson().getSet(QueueKeys.QUEUES, StringCodec.INSTANCE).remove(queue);
        }
      }
    }
  }

  private static void measure(
      Taskyard taskyard, HttpClient http, HttpRequest request, int scrapes, int tasks, int queues)
      throws Exception {
    for (int i = 0; i < Math.max(100, scrapes / 10); i++) {
      call(http, request);
    }
    CommandStats before = CommandStats.read(taskyard.redisson());
    int probes = 10;
    for (int i = 0; i < probes; i++) {
      call(http, request);
    }
    CommandStats commands = CommandStats.read(taskyard.redisson()).minus(before);
    Histogram micros = new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
    String body = "";
    for (int i = 0; i < scrapes; i++) {
      long start = System.nanoTime();
      body = call(http, request);
      micros.recordValue((System.nanoTime() - start) / 1_000);
    }
    System.out.printf(
        Locale.ROOT,
        "%,d queued tasks in %d queues: %,d scrapes of %,d bytes (%,d lines), %,d Redis commands"
            + " each (scripts' commands included)%n"
            + "  p50 %.2f ms  p95 %.2f ms  p99 %.2f ms  max %.2f ms%n",
        tasks,
        queues,
        scrapes,
        body.length(),
        body.lines().count(),
        commands.total() / probes,
        micros.getValueAtPercentile(50) / 1000.0,
        micros.getValueAtPercentile(95) / 1000.0,
        micros.getValueAtPercentile(99) / 1000.0,
        micros.getMaxValue() / 1000.0);
  }

  private static String call(HttpClient http, HttpRequest request) throws Exception {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200 || !response.body().contains("taskyard_redis_up 1.0")) {
      throw new IllegalStateException(
          "the exporter answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }
}
