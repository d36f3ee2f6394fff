package dev.taskyard.monitoring.compose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.taskyard.monitoring.MonitoringTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docker-compose.yml} as Debian's docker-compose (1.29) reads it, with the example settings;
 * no Docker engine is needed to validate and resolve a file.
 */
class DockerComposeTest {
  private static final Path REPOSITORY = MonitoringTools.REPOSITORY;
  private static final Path EXAMPLE_SETTINGS = REPOSITORY.resolve(".env.example");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static JsonNode services;

  @BeforeAll
  static void resolveTheComposeFile() throws Exception {
    MonitoringTools.Run config = compose(EXAMPLE_SETTINGS, "config");
    assertThat(config.exitCode()).as(config.output()).isZero();
    services = YAML.readTree(config.output()).path("services");
  }

  @Test
  void composeAcceptsTheFileWithTheExampleSettings() throws Exception {
    MonitoringTools.Run check = compose(EXAMPLE_SETTINGS, "config", "-q");

    assertThat(check.exitCode()).as(check.output()).isZero();
    assertThat(check.output()).as("no warnings").isBlank();
  }

  @Test
  void composeRefusesToStartWithoutThePasswords(@TempDir Path dir) throws Exception {
    Path noSettings = Files.writeString(dir.resolve("empty.env"), "");

    MonitoringTools.Run check = compose(noSettings, "config", "-q");

    assertThat(check.exitCode()).isNotZero();
    assertThat(check.output()).contains("PASSWORD in .env (see .env.example)");
  }

  @Test
  void theExampleSettingsHoldPlaceholdersNotSecrets() throws IOException {
    Properties settings = new Properties();
    try (var in = Files.newBufferedReader(EXAMPLE_SETTINGS)) {
      settings.load(in);
    }
    assertThat(settings.stringPropertyNames())
        .filteredOn(name -> name.contains("PASSWORD"))
        .hasSizeGreaterThanOrEqualTo(4)
        .allSatisfy(name -> assertThat(settings.getProperty(name)).startsWith("change-me"));
    assertThat(Files.readString(REPOSITORY.resolve(".gitignore")).lines()).contains(".env");
  }

  @Test
  void theStackHasEveryServiceEachWithAHealthCheck() {
    assertThat(names(services))
        .containsExactlyInAnyOrder(
            "redis",
            "postgres",
            "app",
            "exporter",
            "prometheus",
            "alertmanager",
            "grafana",
            "mailpit");
    for (String name : names(services)) {
      assertThat(services.path(name).path("healthcheck").path("test"))
          .as("%s has a health check", name)
          .isNotEmpty();
    }
  }

  @Test
  void servicesStartOnceWhatTheyNeedIsHealthy() {
    for (String name : names(services)) {
      JsonNode dependsOn = services.path(name).path("depends_on");
      for (String dependency : names(dependsOn)) {
        assertThat(dependsOn.path(dependency).path("condition").asText())
            .as("%s waits for %s", name, dependency)
            .isEqualTo("service_healthy");
      }
    }
    assertThat(names(services.path("grafana").path("depends_on"))).contains("prometheus");
    assertThat(names(services.path("app").path("depends_on"))).contains("redis", "postgres");
    assertThat(names(services.path("exporter").path("depends_on")))
        .as("the exporter runs while the app is down")
        .doesNotContain("app");
  }

  @Test
  void redisKeepsAnAppendOnlyFileOnAVolume() {
    JsonNode redis = services.path("redis");
    assertThat(redis.path("command").toString()).contains("--appendonly yes");
    assertThat(volumes(redis)).anyMatch(v -> v.endsWith(":/data:rw"));
  }

  @Test
  void everyImageIsPinnedToARelease() {
    for (String name : names(services)) {
      JsonNode service = services.path(name);
      if (service.has("build")) {
        continue;
      }
      assertThat(service.path("image").asText())
          .as("%s's image", name)
          .matches("[\\w./-]+:v?\\d+(\\.\\d+)+[\\w.-]*");
    }
  }

  @Test
  void everyMountedPathExistsInTheRepository() {
    List<String> sources = new ArrayList<>();
    for (String name : names(services)) {
      for (String volume : volumes(services.path(name))) {
        String source = volume.substring(0, volume.indexOf(':'));
        if (source.startsWith("/")) {
          sources.add(source);
        }
      }
    }
    assertThat(sources).hasSizeGreaterThanOrEqualTo(6);
    assertThat(sources)
        .allSatisfy(
            source -> {
              assertThat(Path.of(source)).startsWithRaw(REPOSITORY);
              assertThat(Path.of(source)).exists();
            });
  }

  @Test
  void everyBuiltImageHasItsDockerfileAndItsCommittedFiles() throws IOException {
    for (String name : List.of("app", "exporter")) {
      Path context = Path.of(services.path(name).path("build").path("context").asText());
      assertThat(context).startsWithRaw(REPOSITORY);
      Path dockerfile = context.resolve("Dockerfile");
      assertThat(dockerfile).as("%s's Dockerfile", name).exists();
      for (String line : Files.readAllLines(dockerfile)) {
        if (!line.startsWith("COPY ")) {
          continue;
        }
        String[] words = line.replaceAll("--\\S+", "").trim().split("\\s+");
        for (int i = 1; i < words.length - 1; i++) {
          if (!words[i].startsWith("target/")) {
            assertThat(context.resolve(words[i])).as("%s copies %s", name, words[i]).exists();
          }
        }
      }
    }
  }

  @Test
  void grafanaLoadsTheRepositorysDashboardsAndProvisioning() throws IOException {
    String dashboardsPath =
        YAML.readTree(REPOSITORY.resolve("grafana/provisioning/dashboards/taskyard.yml").toFile())
            .path("providers")
            .get(0)
            .path("options")
            .path("path")
            .asText();
    JsonNode grafana = services.path("grafana");

    assertThat(volumes(grafana))
        .contains(
            REPOSITORY.resolve("grafana/dashboards") + ":" + dashboardsPath + ":ro",
            REPOSITORY.resolve("grafana/provisioning") + ":/etc/grafana/provisioning:ro");
    assertThat(grafana.path("environment").path("TASKYARD_PROMETHEUS_URL").asText())
        .isEqualTo("http://prometheus:9090");
  }

  @Test
  void prometheusScrapesTheStacksServicesThroughTheFilesItsConfigNames() throws IOException {
    JsonNode prometheus = services.path("prometheus");
    assertThat(volumes(prometheus))
        .contains(
            REPOSITORY.resolve("prometheus") + ":/etc/prometheus:ro",
            REPOSITORY.resolve("compose/prometheus-targets") + ":/etc/prometheus/targets:ro");

    List<String> targetFiles =
        YAML
            .readTree(REPOSITORY.resolve("prometheus/prometheus.yml").toFile())
            .findValues("files")
            .stream()
            .flatMap(files -> names(files, true).stream())
            .toList();
    assertThat(targetFiles).hasSizeGreaterThanOrEqualTo(3);
    for (String file : targetFiles) {
      assertThat(file).startsWith("targets/");
      Path composeTargets =
          REPOSITORY.resolve("compose/prometheus-targets").resolve(file.substring(8));
      for (JsonNode group : YAML.readTree(composeTargets.toFile())) {
        for (JsonNode target : group.path("targets")) {
          assertThat(target.asText().substring(0, target.asText().indexOf(':')))
              .as("%s names a service of the stack", composeTargets)
              .isIn(names(services));
        }
      }
    }
  }

  @Test
  void alertmanagersMailGoesToTheMailSink() throws IOException {
    String command = services.path("alertmanager").path("command").toString();
    assertThat(command).contains("mailpit:1025");
    assertThat(Files.readAllLines(REPOSITORY.resolve("alertmanager/alertmanager.yml")))
        .as("the lines the container points at the mail sink")
        .anyMatch(line -> line.matches(" *smtp_smarthost:.*"))
        .anyMatch(line -> line.matches(" *smtp_require_tls:.*"));
  }

  private static List<String> volumes(JsonNode service) {
    List<String> volumes = new ArrayList<>();
    service.path("volumes").forEach(v -> volumes.add(v.asText()));
    return volumes;
  }

  private static List<String> names(JsonNode node) {
    return names(node, false);
  }

  /** An object's field names, or with {@code values} an array's texts. */
  private static List<String> names(JsonNode node, boolean values) {
    List<String> names = new ArrayList<>();
    if (values) {
      node.forEach(value -> names.add(value.asText()));
    } else {
      node.fieldNames().forEachRemaining(names::add);
    }
    return names;
  }

  /**
   * Runs docker-compose on the repository's file with {@code settings} as its only settings:
   * neither a developer's {@code .env} nor this process's environment can fill a password in.
   */
  private static MonitoringTools.Run compose(Path settings, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(MonitoringTools.tool("docker-compose").toString());
    command.addAll(
        List.of(
            "--env-file",
            settings.toString(),
            "--file",
            "docker-compose.yml",
            "--project-name",
            "taskyard"));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(REPOSITORY.toFile()).redirectErrorStream(false);
    Map<String, String> environment = builder.environment();
    Map<String, String> kept = new TreeMap<>();
    for (String name : List.of("PATH", "HOME", "LANG")) {
      if (environment.containsKey(name)) {
        kept.put(name, environment.get(name));
      }
    }
    environment.clear();
    environment.putAll(kept);
    builder.redirectErrorStream(true);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("docker-compose did not end: " + output);
    }
    return new MonitoringTools.Run(process.exitValue(), output);
  }
}
