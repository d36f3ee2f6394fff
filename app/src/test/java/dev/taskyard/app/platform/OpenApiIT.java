package dev.taskyard.app.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.taskyard.app.ApiClient;
import dev.taskyard.app.ItQueues;
import dev.taskyard.app.TestStack;
import dev.taskyard.client.ApiException;
import dev.taskyard.client.api.TasksApi;
import dev.taskyard.client.model.Submitted;
import dev.taskyard.client.model.TaskDetailView;
import dev.taskyard.core.Taskyard;
import java.io.IOException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The OpenAPI document Payara serves at {@code /openapi} for the deployed app: it is the committed
 * {@code docs/openapi.yaml}; a real linter, Redocly CLI with its {@code recommended} rules, finds
 * nothing wrong with it; and the Java client openapi-generator made from it at build time ({@code
 * dev.taskyard.client}, see {@code app/pom.xml}) works against the app. The linter is installed
 * under {@code target/openapi-lint} by the build ({@code npm ci}); without it this test fails
 * rather than skips.
 */
@ExtendWith(ArquillianExtension.class)
class OpenApiIT {
  /**
   * Problems the linter may report, by rule: {@code info-license} (a warning) because the project
   * has not chosen a licence, and the document must not claim one.
   */
  private static final Set<String> ACCEPTED = Set.of("info-license");

  private static final Path LINT_DIR = Path.of(System.getProperty("taskyard.it.openapi.lintDir"));
  private static final Path COMMITTED =
      Path.of(System.getProperty("taskyard.it.openapi.committed"));

  @ArquillianResource URL base;

  @Deployment(testable = false)
  static WebArchive app() {
    return TestStack.war();
  }

  @Test
  void theServedDocumentIsTheCommittedOne() throws Exception {
    Path served = served();

    YAMLMapper yaml = new YAMLMapper();
    assertThat(yaml.readTree(served.toFile()))
        .as(
            "/openapi differs from docs/openapi.yaml; if the change is meant, copy %s over it",
            served)
        .isEqualTo(yaml.readTree(COMMITTED.toFile()));
  }

  @Test
  void theServedDocumentPassesRedoclysRecommendedRulesWithoutErrorsOrWarnings() throws Exception {
    Path served = served();

    JsonNode report = lint(served);

    List<String> problems = new ArrayList<>();
    for (JsonNode problem : report.get("problems")) {
      if (!ACCEPTED.contains(problem.get("ruleId").asText())) {
        problems.add(
            problem.get("severity").asText()
                + " "
                + problem.get("ruleId").asText()
                + ": "
                + problem.get("message").asText()
                + " at "
                + problem.get("location").findValue("pointer"));
      }
    }
    assertThat(problems).as("redocly lint %s", served).isEmpty();
    assertThat(report.get("totals").get("errors").asInt()).isZero();
  }

  @Test
  void everyOperationNeedsHttpBasicAndHasItsOwnOperationId() throws Exception {
    JsonNode document = new YAMLMapper().readTree(served().toFile());

    JsonNode scheme = document.at("/components/securitySchemes/basicAuth");
    assertThat(scheme.get("type").asText()).isEqualTo("http");
    assertThat(scheme.get("scheme").asText()).isEqualTo("basic");
    assertThat(document.get("security").get(0).has("basicAuth")).isTrue();
    List<String> operationIds = new ArrayList<>();
    document
        .get("paths")
        .forEach(path -> path.forEach(op -> operationIds.add(op.get("operationId").asText())));
    assertThat(operationIds).doesNotHaveDuplicates().contains("deleteTask", "deleteSchedule");
    assertThat(document.has("endpoints")).isFalse();
  }

  @Test
  void aClientGeneratedFromTheDocumentSubmitsATaskReadsItBackAndGetsAProblemForABadOne()
      throws Exception {
    TasksApi tasks = new TasksApi(generatedClient().setUsername(ApiClient.ADMIN_USER));
    tasks.getApiClient().setPassword(ApiClient.ADMIN_PASSWORD);
    String queue = ItQueues.random();
    try (Taskyard taskyard = Taskyard.connect(TestStack.REDIS.url())) {
      try {
        Submitted submitted =
            tasks.submitTasks(
                Map.of("queue", queue, "type", "report.build", "payload", Map.of("n", 1)));
        String id = submitted.getId();

        TaskDetailView task = tasks.getTask(id);
        assertThat(task.getId()).isEqualTo(id);
        assertThat(task.getQueue()).isEqualTo(queue);
        assertThat(task.getType()).isEqualTo("report.build");

        ApiException refused =
            catchThrowableOfType(
                ApiException.class,
                () ->
                    tasks.submitTasks(
                        Map.of(
                            "queue",
                            queue,
                            "type",
                            "report.build",
                            "payload",
                            Map.of(),
                            "priority",
                            5000)));
        assertThat(refused.getCode()).isEqualTo(400);
        JsonNode problem = new ObjectMapper().readTree(refused.getResponseBody());
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("field").asText()).isEqualTo("priority");
      } finally {
        ItQueues.delete(taskyard, queue);
      }
    }
  }

  @Test
  void theGeneratedClientSendsNoCredentialsUnlessGivenAndIsThenRefused() {
    TasksApi tasks = new TasksApi(generatedClient());

    ApiException refused =
        catchThrowableOfType(ApiException.class, () -> tasks.getTask(UUID.randomUUID().toString()));

    assertThat(refused.getCode()).isEqualTo(401);
  }

  /** The client openapi-generator made from docs/openapi.yaml, pointed at the deployed app. */
  private dev.taskyard.client.ApiClient generatedClient() {
    String root = base.toString();
    return new dev.taskyard.client.ApiClient()
        .setBasePath(root.endsWith("/") ? root.substring(0, root.length() - 1) : root);
  }

  /**
   * Fetches {@code /openapi} and writes it where the linter runs. Payara builds the document on the
   * first request, which can take longer than the shared test client waits.
   */
  private Path served() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(base.toURI().resolve("/openapi"))
                    .timeout(Duration.ofMinutes(3))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    Path served = LINT_DIR.resolve("served.yaml");
    Files.writeString(served, response.body(), StandardCharsets.UTF_8);
    return served;
  }

  /** Runs {@code redocly lint} over {@code document}; its JSON report. */
  private static JsonNode lint(Path document) throws IOException, InterruptedException {
    Path redocly = LINT_DIR.resolve("node_modules/.bin/redocly");
    assertThat(redocly)
        .as("Redocly CLI, installed by the build's npm ci (needs Node.js and npm)")
        .isExecutable();
    Path report = LINT_DIR.resolve("lint-report.json");
    ProcessBuilder command =
        new ProcessBuilder(
                redocly.toString(),
                "lint",
                "--config=redocly.yaml",
                "--format=json",
                document.getFileName().toString())
            .directory(LINT_DIR.toFile())
            .redirectOutput(report.toFile())
            .redirectError(LINT_DIR.resolve("lint.log").toFile());
    command.environment().put("REDOCLY_TELEMETRY", "off");
    command.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
    Process process = command.start();
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("redocly lint finished").isTrue();
    JsonNode json = new ObjectMapper().readTree(report.toFile());
    assertThat(json == null ? null : json.get("problems"))
        .as("redocly lint's report; its log: %s", Files.readString(LINT_DIR.resolve("lint.log")))
        .isNotNull();
    return json;
  }
}
