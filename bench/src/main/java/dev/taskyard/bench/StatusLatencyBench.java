package dev.taskyard.bench;

import dev.taskyard.core.Taskyard;
import dev.taskyard.core.redis.QueueKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.redisson.client.codec.StringCodec;

/**
 * Latency of {@code GET /api/queue/status} on a running application while its Redis holds many
 * queued tasks: fills {@code queues} queues with {@code tasks} tasks in all, then times {@code
 * requests} sequential calls after a warm-up, and removes the queues again.
 *
 * <p>Arguments: {@code <api base URL> <redis URL> <user> <password> [tasks] [queues] [requests]
 * [settle seconds]}, for example {@code http://localhost:8080/taskyard-app/ redis://127.0.0.1:6379
 * admin secret}.
 */
public final class StatusLatencyBench {

  private StatusLatencyBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 4) {
      System.err.println(
          "usage: StatusLatencyBench <api base URL> <redis URL> <user> <password>"
              + " [tasks=1000000] [queues=10] [requests=5000] [settleSeconds=0]");
      System.exit(2);
    }
    URI status =
        URI.create(args[0].endsWith("/") ? args[0] : args[0] + "/").resolve("api/queue/status");
    String authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((args[2] + ":" + args[3]).getBytes(StandardCharsets.UTF_8));
    int tasks = args.length > 4 ? Integer.parseInt(args[4]) : 1_000_000;
    int queueCount = args.length > 5 ? Integer.parseInt(args[5]) : 10;
    int requests = args.length > 6 ? Integer.parseInt(args[6]) : 5_000;
    int settleSeconds = args.length > 7 ? Integer.parseInt(args[7]) : 0;

    List<String> queues = new ArrayList<>();
    for (int i = 0; i < queueCount; i++) {
      queues.add("bench-status-" + i);
    }
    try (Taskyard taskyard = Taskyard.connect(args[1])) {
      try {
        Backlogs.fill(taskyard, queues, tasks, "bench.status");
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request =
            HttpRequest.newBuilder(status).header("Authorization", authorization).GET().build();
        // The server's floor in the same conditions: an endpoint that does no work.
        HttpRequest live = HttpRequest.newBuilder(status.resolve("/health/live")).GET().build();
        measure(http, live, requests, "GET /health/live, right after the fill");
        measure(http, request, requests, "GET api/queue/status, right after the fill");
        if (settleSeconds > 0) {
          // Let the archiver and the sampler catch up with the burst, then measure again.
          Thread.sleep(settleSeconds * 1000L);
          String after = "after " + settleSeconds + " s";
          measure(http, live, requests, "GET /health/live, " + after);
          measure(http, request, requests, "GET api/queue/status, " + after);
        }
      } finally {
        for (String queue : queues) {
          taskyard.redisson().getKeys().deleteByPattern("ty:{" + queue + "}:*");
          taskyard.redisson().getSet(QueueKeys.QUEUES, StringCodec.INSTANCE).remove(queue);
        }
      }
    }
  }

  private static void measure(HttpClient http, HttpRequest request, int requests, String what)
      throws Exception {
    for (int i = 0; i < Math.max(200, requests / 10); i++) {
      call(http, request);
    }
    Histogram micros = new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
    int bytes = 0;
    for (int i = 0; i < requests; i++) {
      long start = System.nanoTime();
      bytes = call(http, request);
      micros.recordValue((System.nanoTime() - start) / 1_000);
    }
    System.out.printf(
        Locale.ROOT,
        "%s (%,d bytes), %,d calls:%n"
            + "  p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  p99.9 %.2f ms  max %.2f ms%n",
        what,
        bytes,
        requests,
        micros.getValueAtPercentile(50) / 1000.0,
        micros.getValueAtPercentile(90) / 1000.0,
        micros.getValueAtPercentile(99) / 1000.0,
        micros.getValueAtPercentile(99.9) / 1000.0,
        micros.getMaxValue() / 1000.0);
  }

  private static int call(HttpClient http, HttpRequest request) throws Exception {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "status answered " + response.statusCode() + ": " + response.body());
    }
    return response.body().length();
  }
}
