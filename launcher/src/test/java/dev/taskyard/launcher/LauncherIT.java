package dev.taskyard.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskyard.core.Taskyard;
import dev.taskyard.core.enqueue.TaskRequest;
import dev.taskyard.core.redis.QueueKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redisson.client.codec.StringCodec;

/** The built launcher, started as a user would, on a temporary data directory and a free port. */
class LauncherIT {
  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path data;

  @Test
  void startsWithPrintedCredentialsStopsEverythingOnSigtermAndKeepsDataAcrossARestart()
      throws Exception {
    int port = freePort();
    int exporterPort = freePort();
    String queue = "it-" + UUID.randomUUID().toString().substring(0, 12);
    String user;
    String password;

    try (RunningLauncher first = RunningLauncher.start(data, port, exporterPort).awaitReady()) {
      user = first.value("Admin user");
      password = first.value("Admin password");
      HttpResponse<String> ready = get(port, "/health/ready", null, null);
      assertThat(ready.statusCode()).isEqualTo(200);
      assertThat(ready.body()).contains("\"status\":\"UP\"");
      assertThat(get(port, "/taskyard-app/api/queue/status", user, password).statusCode())
          .isEqualTo(200);
      assertThat(get(port, "/taskyard-app/api/queue/status", null, null).statusCode())
          .isEqualTo(401);
      HttpResponse<String> console =
          HttpClient.newBuilder()
              .followRedirects(HttpClient.Redirect.NORMAL)
              .build()
              .send(
                  HttpRequest.newBuilder(URI.create(first.value("Console"))).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(console.uri().getPath()).isEqualTo("/taskyard-app/sign-in.xhtml");
      assertThat(console.body()).contains("id=\"sign-in:user\"");
      try (Taskyard taskyard = Taskyard.connect(first.value("Redis"))) {
        taskyard.producer().submit(queue, TaskRequest.of("it.kept", "{}"));
      }
      assertThat(first.value("Exporter"))
          .isEqualTo("http://localhost:" + exporterPort + "/metrics");
      HttpResponse<String> scrape =
          http.send(
              HttpRequest.newBuilder(URI.create(first.value("Exporter"))).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(scrape.body())
          .contains("taskyard_redis_up 1.0")
          .contains("taskyard_tasks{queue=\"" + queue + "\",state=\"queued\"} 1.0");
      // Shown on the terminal and kept in the mode-600 file only: never in a log.
      for (String log : List.of("payara.log", "launcher.log")) {
        assertThat(Files.readString(data.resolve("logs").resolve(log))).doesNotContain(password);
      }

      stopAndExpectEverythingEnded(first, port);
    }

    try (RunningLauncher second = RunningLauncher.start(data, port, exporterPort).awaitReady()) {
      assertThat(second.value("Admin user")).isEqualTo(user);
      assertThat(second.value("Admin password")).isEqualTo(password);
      HttpResponse<String> status = get(port, "/taskyard-app/api/queue/status", user, password);
      assertThat(status.statusCode()).isEqualTo(200);
      assertThat(status.body()).contains("\"" + queue + "\"");
      try (Taskyard taskyard = Taskyard.connect(second.value("Redis"))) {
        assertThat(taskyard.stats().status(queue).queued()).isEqualTo(1);
        taskyard.redisson().getKeys().deleteByPattern("ty:{" + queue + "}:*");
        taskyard.redisson().getSet(QueueKeys.QUEUES, StringCodec.INSTANCE).remove(queue);
      }

      stopAndExpectEverythingEnded(second, port);
    }
  }

  @Test
  void aTakenPortIsAClearErrorAndNothingStarts() throws Exception {
    try (ServerSocket taken = new ServerSocket(0);
        RunningLauncher launcher = RunningLauncher.start(data, taken.getLocalPort(), freePort())) {
      assertThat(launcher.awaitExit()).isEqualTo(1);
      assertThat(launcher.output())
          .contains("port " + taken.getLocalPort() + " is already in use")
          .doesNotContain("Starting");
      assertThat(data.resolve("redis")).doesNotExist();
    }
  }

  @Test
  void aHalfConfiguredSentinelIsAClearErrorNamingTheVariableAndNothingStarts() throws Exception {
    try (RunningLauncher launcher =
        RunningLauncher.start(
            data, freePort(), freePort(), Map.of("TASKYARD_REDIS_SENTINEL_MASTER", "taskyard"))) {
      assertThat(launcher.awaitExit()).isEqualTo(1);
      assertThat(launcher.output())
          .contains(
              "Bad Redis setting: TASKYARD_REDIS_SENTINEL_NODES is required with"
                  + " TASKYARD_REDIS_SENTINEL_MASTER")
          .doesNotContain("Starting");
      assertThat(data.resolve("redis")).doesNotExist();
    }
  }

  private static void stopAndExpectEverythingEnded(RunningLauncher launcher, int httpPort) {
    int redisPort = launcher.port("Redis");
    int exporterPort = launcher.port("Exporter");
    int postgresPort = launcher.port("PostgreSQL");
    List<ProcessHandle> children = launcher.process().descendants().toList();
    assertThat(children).isNotEmpty();

    launcher.process().destroy(); // SIGTERM, as Ctrl-C through ./taskyard

    int exitCode = launcher.awaitExit();
    assertThat(launcher.output()).as("exit code %d", exitCode).contains("Stopped.");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(children).noneMatch(ProcessHandle::isAlive);
              assertThat(List.of(httpPort, redisPort, exporterPort, postgresPort))
                  .allMatch(LauncherIT::closed);
            });
  }

  private HttpResponse<String> get(int port, String path, String user, String password) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .timeout(Duration.ofSeconds(30));
    if (user != null) {
      String token =
          Base64.getEncoder()
              .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
      request.header("Authorization", "Basic " + token);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static boolean closed(int port) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      return false;
    } catch (ConnectException e) {
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
