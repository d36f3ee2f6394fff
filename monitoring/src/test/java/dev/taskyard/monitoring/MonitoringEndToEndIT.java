package dev.taskyard.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import dev.taskyard.core.Taskyard;
import dev.taskyard.core.control.BacklogThresholds;
import dev.taskyard.core.control.QueueSettings;
import dev.taskyard.core.enqueue.TaskRequest;
import dev.taskyard.core.schedule.ScheduleDefinition;
import dev.taskyard.core.worker.PermanentTaskFailure;
import dev.taskyard.core.worker.WorkerPool;
import dev.taskyard.embedded.EmbeddedRedis;
import dev.taskyard.monitoring.grafana.PanelQueries;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitoring bundle end to end with the real programs: the built exporter jar reads a real
 * Redis that an engine workload fills; a real Prometheus scrapes it with the repository's {@code
 * prometheus.yml} and rules; a real Alertmanager with the repository's routes and templates sends
 * to a Slack webhook and an SMTP server in this JVM. The app is not running, as when it is stopped.
 *
 * <p>Only times change in the copies the servers read: scrapes and evaluations every second, every
 * {@code for:} 5 s, Alertmanager's group wait and interval 1 and 2 s; the receivers' addresses and
 * secret files point here. That the rules stay silent until their {@code for:} has passed is proven
 * by {@code promtool test rules} ({@link PrometheusRulesIT}).
 */
class MonitoringEndToEndIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String CONSOLE = "http://localhost:8080/taskyard-app";

  @TempDir static Path work;
  private static EmbeddedRedis redis;
  private static Taskyard taskyard;
  private static Process exporter;
  private static Process alertmanager;
  private static Process prometheus;
  private static URI prometheusApi;
  private static HttpServer slack;
  private static final List<JsonNode> slackMessages = new CopyOnWriteArrayList<>();
  private static GreenMail mail;

  @BeforeAll
  static void startTheStack() throws Exception {
    redis = EmbeddedRedis.start();
    taskyard = Taskyard.connect(redis.url());
    startSinks();
    int exporterPort = MonitoringTools.freePort();
    exporter = startExporter(exporterPort);
    int alertmanagerPort = MonitoringTools.freePort();
    alertmanager = startAlertmanager(alertmanagerPort);
    prometheus = startPrometheus(exporterPort, alertmanagerPort);
  }

  @AfterAll
  static void stopTheStack() throws Exception {
    MonitoringTools.stop(prometheus);
    MonitoringTools.stop(alertmanager);
    MonitoringTools.stop(exporter);
    if (slack != null) {
      slack.stop(0);
    }
    if (mail != null) {
      mail.stop();
    }
    if (taskyard != null) {
      taskyard.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  void aBacklogPagesOnSlackAndByMailWithItsFiguresAndItsEndIsSentAsResolved() throws Exception {
    String queue = newQueue();
    // The app is stopped (not running at all here): the exporter answers, the app is down.
    awaitVector("up{job=\"taskyard-exporter\"} == 1");
    awaitVector("ALERTS{alertname=\"TaskyardAppDown\",alertstate=\"firing\"}");

    taskyard.queues().configure(queue, QueueSettings.defaults().withThresholds(maxQueued(5)));
    for (int i = 0; i < 20; i++) {
      taskyard.producer().submit(queue, TaskRequest.of("e2e.work", "{}"));
    }

    String firing = "[FIRING:1] TaskyardBacklogAboveThreshold in " + queue;
    JsonNode page = awaitSlack(firing);
    assertThat(page.path("text").asText())
        .contains("*Backlog of " + queue + " above its limit* (warning)")
        .contains(
            "20 tasks queued in " + queue + ", above its limit of 5 (queue setting maxQueued)")
        .contains("<" + CONSOLE + "/console/?queue=" + queue + "|Dashboard>")
        .contains("<" + CONSOLE + "/console/queues/edit.xhtml?queue=" + queue + "|Queue settings>")
        .contains("operations.md#taskyardbacklogabovethreshold|Runbook>");
    assertThat(awaitMail(firing))
        .contains("Backlog of " + queue + " above its limit (warning)")
        .contains("20 tasks queued in " + queue + ", above its limit of 5")
        .contains("Dashboard: " + CONSOLE + "/console/?queue=" + queue);

    try (WorkerPool workers =
        taskyard.workerPool().queue(queue, 4).handler("e2e.work", task -> null).start()) {
      String resolved = "[RESOLVED] TaskyardBacklogAboveThreshold in " + queue;
      assertThat(awaitSlack(resolved).path("text").asText())
          .contains("*Resolved: Backlog of " + queue + " above its limit* (warning)");
      assertThat(awaitMail(resolved))
          .contains("RESOLVED: Backlog of " + queue + " above its limit");
    }
  }

  @Test
  void everyGrafanaPanelsQueryReturnsDataFromTheExportersMetrics() throws Exception {
    String queue = newQueue();
    taskyard.queues().configure(queue, QueueSettings.defaults().withMaxAttempts(1));
    taskyard
        .schedules()
        .create(
            queue,
            "e2e-nightly",
            ScheduleDefinition.of("0 3 * * *", TaskRequest.of("e2e.nightly", "{}")));
    try (WorkerPool workers =
        taskyard
            .workerPool()
            .queue(queue, 2)
            .handler("e2e.work", task -> null)
            .handler(
                "e2e.doomed",
                task -> {
                  throw new PermanentTaskFailure("doomed on purpose");
                })
            .start()) {
      for (int i = 0; i < 10; i++) {
        taskyard.producer().submit(queue, TaskRequest.of("e2e.work", "{}"));
      }
      taskyard.producer().submit(queue, TaskRequest.of("e2e.doomed", "{}"));
      await().atMost(WAIT).until(() -> taskyard.stats().status(queue).dead() == 1);
      awaitVector("taskyard_task_duration_seconds_count{queue=\"" + queue + "\"} > 0");

      // A backlog while paused, the workers still online: the queue's alert fires, for the
      // firing-alerts panels, and the workers' panels have threads to show.
      taskyard.queues().configure(queue, QueueSettings.defaults().withThresholds(maxQueued(1)));
      taskyard.queues().pause(queue);
      taskyard.producer().submit(queue, TaskRequest.of("e2e.work", "{}"));
      taskyard.producer().submit(queue, TaskRequest.of("e2e.work", "{}"));
      awaitVector("ALERTS{queue=\"" + queue + "\",alertstate=\"firing\"}");

      List<String> empty = new ArrayList<>();
      for (PanelQueries.PanelQuery query : PanelQueries.forQueue(queue)) {
        if (query(query.expr()).isEmpty()) {
          empty.add(query.toString());
        }
      }
      assertThat(empty).as("panel queries that returned no data").isEmpty();
    }
  }

  private static BacklogThresholds maxQueued(long limit) {
    return new BacklogThresholds(limit, Duration.ZERO, 0, Duration.ofMinutes(5));
  }

  private static String newQueue() {
    return "e2e-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Waits until Prometheus answers {@code promql} with at least one series. */
  private static void awaitVector(String promql) {
    await().atMost(WAIT).ignoreExceptions().until(() -> !query(promql).isEmpty());
  }

  /** The series Prometheus answers {@code promql} with now. */
  private static List<JsonNode> query(String promql) throws Exception {
    URI uri =
        prometheusApi.resolve("query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    HttpResponse<String> response =
        HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    JsonNode answer = JSON.readTree(response.body());
    if (!answer.path("status").asText().equals("success")) {
      throw new IllegalStateException(promql + ": " + response.body());
    }
    List<JsonNode> series = new ArrayList<>();
    answer.path("data").path("result").forEach(series::add);
    return series;
  }

  /** The Slack attachment titled {@code title}, once the webhook has received it. */
  private static JsonNode awaitSlack(String title) {
    return await()
        .atMost(WAIT)
        .until(
            () ->
                slackMessages.stream()
                    .flatMap(m -> Stream.of(m.path("attachments").get(0)))
                    .filter(a -> a != null && a.path("title").asText().equals(title))
                    .findFirst(),
            Optional::isPresent)
        .orElseThrow();
  }

  /** The plain text of the e-mail whose subject is {@code subject}, once it has arrived. */
  private static String awaitMail(String subject) {
    MimeMessage message =
        await()
            .atMost(WAIT)
            .until(
                () ->
                    Arrays.stream(mail.getReceivedMessages())
                        .filter(m -> subjectOf(m).equals(subject))
                        .findFirst(),
                Optional::isPresent)
            .orElseThrow();
    try {
      Multipart parts = (Multipart) message.getContent();
      for (int i = 0; i < parts.getCount(); i++) {
        BodyPart part = parts.getBodyPart(i);
        if (part.isMimeType("text/plain")) {
          return part.getContent().toString();
        }
      }
      throw new AssertionError("no text part in " + subject);
    } catch (IOException | jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String subjectOf(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void startSinks() throws IOException {
    slack = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    slack.createContext(
        "/slack",
        exchange -> {
          slackMessages.add(JSON.readTree(exchange.getRequestBody()));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    slack.start();
    mail =
        new GreenMail(
                new ServerSetup(MonitoringTools.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
            .withConfiguration(
                GreenMailConfiguration.aConfig()
                    .withUser("taskyard-alerts@example.org", "taskyard-alerts", "e2e-secret"));
    mail.start();
  }

  private static Process startExporter(int port) throws IOException {
    Path jar = MonitoringTools.REPOSITORY.resolve("exporter/target/taskyard-exporter.jar");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return new ProcessBuilder(
            java.toString(),
            "-jar",
            jar.toString(),
            "--redis-url",
            redis.url(),
            "--listen",
            "127.0.0.1:" + port)
        .redirectErrorStream(true)
        .redirectOutput(work.resolve("exporter.log").toFile())
        .start();
  }

  /** The repository's Alertmanager, its receivers pointed at the sinks of this JVM. */
  private static Process startAlertmanager(int port) throws Exception {
    Path config = copy(BundleFiles.ALERTMANAGER, work.resolve("alertmanager"));
    Path secrets = Files.createDirectories(work.resolve("secrets"));
    Files.writeString(secrets.resolve("smtp-password"), "e2e-secret");
    Files.writeString(
        secrets.resolve("slack-webhook-url"),
        "http://127.0.0.1:" + slack.getAddress().getPort() + "/slack");
    rewrite(
        config.resolve("alertmanager.yml"),
        "smtp_smarthost: localhost:25",
        "smtp_smarthost: 127.0.0.1:" + mail.getSmtp().getPort(),
        "smtp_require_tls: true",
        "smtp_require_tls: false",
        "/etc/alertmanager/secrets/",
        secrets + "/",
        "group_wait: 30s",
        "group_wait: 1s",
        "group_interval: 5m",
        "group_interval: 2s");
    Process server =
        MonitoringTools.startServer(
            config,
            work.resolve("alertmanager.log"),
            List.of(
                "prometheus-alertmanager",
                "--config.file=alertmanager.yml",
                "--storage.path=" + Files.createDirectories(work.resolve("alertmanager-data")),
                "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address="));
    await()
        .atMost(WAIT)
        .ignoreExceptions()
        .until(
            () ->
                HTTP.send(
                            HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + port + "/-/ready"))
                                .build(),
                            HttpResponse.BodyHandlers.discarding())
                        .statusCode()
                    == 200);
    return server;
  }

  /**
   * The repository's Prometheus: scraping the exporter, the app where it would answer (nothing
   * does), sending to the Alertmanager above.
   */
  private static Process startPrometheus(int exporterPort, int alertmanagerPort) throws Exception {
    Path config = copy(BundleFiles.PROMETHEUS, work.resolve("prometheus"));
    rewrite(
        config.resolve("prometheus.yml"),
        "scrape_interval: 15s",
        "scrape_interval: 1s",
        "evaluation_interval: 15s",
        "evaluation_interval: 1s");
    for (Path rules : BundleFiles.yamlFiles(config.resolve("rules"))) {
      Files.writeString(
          rules, Files.readString(rules).replaceAll("(?m)^(\\s+for:) \\S+$", "$1 5s"));
    }
    target(config, "taskyard-exporter", exporterPort);
    target(config, "taskyard-app", MonitoringTools.freePort());
    target(config, "alertmanager", alertmanagerPort);
    int port = MonitoringTools.freePort();
    prometheusApi = URI.create("http://127.0.0.1:" + port + "/api/v1/");
    Process server =
        MonitoringTools.startServer(
            config,
            work.resolve("prometheus.log"),
            List.of(
                "prometheus",
                "--config.file=prometheus.yml",
                "--storage.tsdb.path=" + Files.createDirectories(work.resolve("prometheus-data")),
                "--web.listen-address=127.0.0.1:" + port));
    awaitVector("up{job=\"taskyard-exporter\"}");
    return server;
  }

  private static void target(Path config, String job, int port) throws IOException {
    Files.writeString(
        config.resolve("targets").resolve(job + ".yml"), "- targets: ['127.0.0.1:" + port + "']\n");
  }

  /** Replaces each {@code old, new} pair in {@code file}; a text no longer there fails the test. */
  private static void rewrite(Path file, String... pairs) throws IOException {
    String text = Files.readString(file);
    for (int i = 0; i < pairs.length; i += 2) {
      if (!text.contains(pairs[i])) {
        throw new IllegalStateException(file + " no longer holds " + pairs[i]);
      }
      text = text.replace(pairs[i], pairs[i + 1]);
    }
    Files.writeString(file, text);
  }

  private static Path copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path source : files.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
    return to;
  }
}
