package dev.taskyard.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The repository's monitoring files, found and read as the programs would. */
final class BundleFiles {
  static final Path PROMETHEUS = MonitoringTools.REPOSITORY.resolve("prometheus");
  static final Path ALERTMANAGER = MonitoringTools.REPOSITORY.resolve("alertmanager");
  static final Path OPERATIONS_DOC = MonitoringTools.REPOSITORY.resolve("docs/operations.md");

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private BundleFiles() {}

  /** The {@code *.yml} files directly in {@code directory}, by name. */
  static List<Path> yamlFiles(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      List<Path> found =
          files.filter(f -> f.getFileName().toString().endsWith(".yml")).sorted().toList();
      if (found.isEmpty()) {
        throw new IllegalStateException("no *.yml in " + directory);
      }
      return found;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode readYaml(Path file) {
    try {
      return YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every rule (alerting and recording) of every group in {@code prometheus/rules/}. */
  static List<JsonNode> rules() {
    List<JsonNode> rules = new ArrayList<>();
    for (Path file : yamlFiles(PROMETHEUS.resolve("rules"))) {
      readYaml(file).path("groups").forEach(group -> group.path("rules").forEach(rules::add));
    }
    return rules;
  }

  static List<JsonNode> alertRules() {
    return rules().stream().filter(rule -> rule.has("alert")).toList();
  }

  /** Every test group of every promtool test file in {@code prometheus/tests/}. */
  static List<JsonNode> ruleTestGroups() {
    List<JsonNode> groups = new ArrayList<>();
    for (Path file : yamlFiles(PROMETHEUS.resolve("tests"))) {
      readYaml(file).path("tests").forEach(groups::add);
    }
    return groups;
  }
}
