package dev.taskyard.exporter;

import static dev.taskyard.core.testing.TaskFixtures.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskyard.core.Taskyard;
import dev.taskyard.core.testing.RedisQueue;
import dev.taskyard.core.testing.TestRedis;
import dev.taskyard.embedded.EmbeddedRedis;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The built jar, started as a process and scraped over HTTP like Prometheus does. */
class ExporterJarIT {
  @RegisterExtension final RedisQueue queue = new RedisQueue();
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void servesTheQueuesBehindBasicAuthAndPromtoolFindsNoProblem() throws Exception {
    Taskyard taskyard = TestRedis.get().taskyard();
    taskyard.producer().submit(queue.name(), aTask());
    int port = EmbeddedRedis.freePort();
    URI metrics = URI.create("http://127.0.0.1:" + port + "/metrics");
    try (ExporterProcess exporter =
        ExporterProcess.start(
            Map.of(
                "TASKYARD_REDIS_URL", TestRedis.get().url(),
                "TASKYARD_EXPORTER_AUTH_USER", "prometheus",
                "TASKYARD_EXPORTER_AUTH_PASSWORD", "scrape-me"),
            "--listen",
            "127.0.0.1:" + port)) {

      assertThat(exporter.get(http, metrics, null, null).statusCode()).isEqualTo(401);
      assertThat(exporter.get(http, metrics, "prometheus", "wrong").statusCode()).isEqualTo(401);
      HttpResponse<String> scrape = exporter.get(http, metrics, "prometheus", "scrape-me");

      assertThat(scrape.statusCode()).isEqualTo(200);
      assertThat(scrape.body())
          .contains("taskyard_tasks{queue=\"" + queue.name() + "\",state=\"queued\"} 1.0")
          .contains("taskyard_redis_up 1.0")
          .contains("taskyard_exporter_scrape_success 1.0");
      Promtool.assertCleanMetrics(scrape.body());
    }
  }

  @Test
  void withRedisDownAScrapeAnswersRedisUpZeroWithoutStaleQueueSeries() throws Exception {
    int redisPort = EmbeddedRedis.freePort();
    EmbeddedRedis redis = EmbeddedRedis.start(redisPort, Optional.empty());
    int port = EmbeddedRedis.freePort();
    URI metrics = URI.create("http://127.0.0.1:" + port + "/metrics");
    try (Taskyard own = Taskyard.connect(redis.url());
        ExporterProcess exporter =
            ExporterProcess.start(
                Map.of(), "--redis-url", redis.url(), "--listen", "127.0.0.1:" + port)) {
      own.producer().submit(queue.name(), aTask());
      assertThat(exporter.get(http, metrics, null, null).body())
          .contains("queue=\"" + queue.name() + "\"")
          .contains("taskyard_redis_up 1.0");

      redis.close();
      HttpResponse<String> down = exporter.get(http, metrics, null, null);

      assertThat(down.statusCode()).isEqualTo(200);
      assertThat(down.body())
          .contains("taskyard_redis_up 0.0")
          .contains("taskyard_exporter_scrape_success 0.0")
          .contains("taskyard_exporter_build_info{version=\"" + SelfMetrics.buildVersion() + "\"}")
          .doesNotContain("queue=");
      Promtool.assertCleanMetrics(down.body());

      redis = EmbeddedRedis.start(redisPort, Optional.empty()); // empty: nothing persisted
      own.producer().submit(queue.name(), aTask());
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(exporter.get(http, metrics, null, null).body())
                      .contains("taskyard_redis_up 1.0")
                      .contains("queue=\"" + queue.name() + "\""));
    } finally {
      redis.close();
    }
  }

  @Test
  void startsWithRedisAwayAndSaysSoInItsMetrics() throws Exception {
    int port = EmbeddedRedis.freePort();
    try (ExporterProcess exporter =
        ExporterProcess.start(
            Map.of("TASKYARD_EXPORTER_LISTEN", "127.0.0.1:" + port),
            "--redis-url",
            "redis://127.0.0.1:" + EmbeddedRedis.freePort())) {
      HttpResponse<String> scrape =
          exporter.get(http, URI.create("http://127.0.0.1:" + port + "/metrics"), null, null);

      assertThat(scrape.statusCode()).isEqualTo(200);
      assertThat(scrape.body()).contains("taskyard_redis_up 0.0");
    }
  }

  @Test
  void servesHttpsWithTheConfiguredKeystore(@TempDir Path dir) throws Exception {
    Path keystore = dir.resolve("exporter.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "exporter",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                "changeit")
            .redirectErrorStream(true)
            .start();
    assertThat(keytool.waitFor()).isZero();
    Path password = Files.writeString(dir.resolve("keystore-password"), "changeit");
    int port = EmbeddedRedis.freePort();
    try (ExporterProcess exporter =
        ExporterProcess.start(
            Map.of("TASKYARD_REDIS_URL", TestRedis.get().url()),
            "--listen",
            "127.0.0.1:" + port,
            "--tls-keystore",
            keystore.toString(),
            "--tls-keystore-password-file",
            password.toString())) {
      HttpResponse<String> scrape =
          exporter.get(
              HttpClient.newBuilder().sslContext(trusting(keystore)).build(),
              URI.create("https://127.0.0.1:" + port + "/metrics"),
              null,
              null);

      assertThat(scrape.statusCode()).isEqualTo(200);
      assertThat(scrape.body()).contains("taskyard_redis_up 1.0");
    }
  }

  @Test
  void badFlagsExitWithCodeTwoAndSayWhy() throws Exception {
    try (ExporterProcess exporter = ExporterProcess.start(Map.of(), "--bogus")) {
      assertThat(exporter.waitFor()).isEqualTo(2);
      assertThat(exporter.output()).contains("taskyard-exporter: unknown option --bogus");
    }
  }

  @Test
  void aTakenPortExitsWithCodeOneAndSaysWhy() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        ExporterProcess exporter =
            ExporterProcess.start(
                Map.of(),
                "--redis-url",
                TestRedis.get().url(),
                "--listen",
                "127.0.0.1:" + taken.getLocalPort())) {
      assertThat(exporter.waitFor()).isEqualTo(1);
      assertThat(exporter.output()).contains("is in use");
    }
  }

  private static SSLContext trusting(Path keystore) throws Exception {
    KeyStore store = KeyStore.getInstance(keystore.toFile(), "changeit".toCharArray());
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }
}
