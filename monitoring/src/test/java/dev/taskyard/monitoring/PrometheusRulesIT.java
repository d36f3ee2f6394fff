package dev.taskyard.monitoring;

import static dev.taskyard.monitoring.BundleFiles.PROMETHEUS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskyard.monitoring.MonitoringTools.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code prometheus/} as Debian's promtool 2.42 judges it: config, rules and rule tests. */
class PrometheusRulesIT {

  @Test
  void configIsValidWithItsRuleFiles() throws Exception {
    Run run = MonitoringTools.run(PROMETHEUS, "promtool", "check", "config", "prometheus.yml");

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output())
        .contains("SUCCESS: prometheus.yml is valid")
        .contains("rules/taskyard-alerts.yml")
        .contains("rules/taskyard-recording.yml")
        .doesNotContain("FAILED");
  }

  @Test
  void rulesAreValid() throws Exception {
    Run run = promtool("check", "rules", PROMETHEUS.resolve("rules"));

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).doesNotContain("FAILED");
  }

  @Test
  void everyRuleTestPasses() throws Exception {
    Run run = promtool("test", "rules", PROMETHEUS.resolve("tests"));

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).contains("SUCCESS").doesNotContain("FAILED");
  }

  /** The rule tests assert the exact text: one changed figure in a description fails them. */
  @Test
  void aDescriptionThatDiffersByOneFigureFailsTheRuleTests(@TempDir Path dir) throws Exception {
    Path tests = PROMETHEUS.resolve("tests/queue-alerts-test.yml");
    String text =
        Files.readString(tests)
            .replace("[../rules/*.yml]", "[" + PROMETHEUS.resolve("rules") + "/*.yml]");
    assertThat(text).contains("description: 150 tasks queued in emails");
    Files.writeString(
        dir.resolve("changed-test.yml"),
        text.replace("description: 150 tasks queued in emails", "description: 151 tasks queued"));

    Run run = MonitoringTools.run(dir, "promtool", "test", "rules", "changed-test.yml");

    assertThat(run.exitCode()).as(run.output()).isNotZero();
    assertThat(run.output()).contains("FAILED").contains("TaskyardBacklogAboveThreshold");
  }

  /** Runs promtool with every {@code *.yml} file of {@code directory} after {@code args}. */
  private static Run promtool(String command, String subcommand, Path directory) throws Exception {
    List<String> args = new ArrayList<>(List.of(command, subcommand));
    BundleFiles.yamlFiles(directory).forEach(file -> args.add(file.toString()));
    return MonitoringTools.run(directory, "promtool", args.toArray(String[]::new));
  }
}
