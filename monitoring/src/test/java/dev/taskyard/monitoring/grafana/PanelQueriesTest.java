package dev.taskyard.monitoring.grafana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskyard.monitoring.MonitoringTools;
import dev.taskyard.monitoring.grafana.PanelQueries.PanelQuery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PanelQueriesTest {
  @Test
  void everyPanelsQueryIsListedWithItsVariablesFilledIn() throws Exception {
    List<PanelQuery> queries = PanelQueries.forQueue("reports");

    long targets =
        PanelQueries.read(MonitoringTools.REPOSITORY.resolve(TaskyardDashboards.DIRECTORY))
            .values()
            .stream()
            .flatMap(d -> PanelQueries.panels(d).stream())
            .mapToLong(p -> p.path("targets").size())
            .sum();
    assertThat(queries).hasSize((int) targets).hasSizeGreaterThan(50);
    assertThat(queries).allSatisfy(q -> assertThat(q.expr()).doesNotContain("$"));
    assertThat(queries)
        .filteredOn(q -> q.dashboard().equals("taskyard-queue.json"))
        .isNotEmpty()
        .allSatisfy(q -> assertThat(q.expr()).contains("queue=\"reports\""));
    assertThat(queries)
        .anySatisfy(q -> assertThat(q.expr()).contains("[" + PanelQueries.RATE_INTERVAL + "]"));
  }

  @Test
  void aVariableTheDashboardsDoNotDefineIsRefused() {
    assertThatThrownBy(() -> PanelQueries.substitute("up{job=\"$job\"}", "reports", "1m"))
        .hasMessageContaining("$job");
  }

  /** promtool parses each query as Prometheus would: as a recording rule's expression. */
  @Test
  void everyPanelsQueryIsPromQlThatPrometheusParses(@TempDir Path dir) throws Exception {
    StringBuilder rules = new StringBuilder("groups:\n  - name: grafana-panels\n    rules:\n");
    List<PanelQuery> queries = PanelQueries.forQueue("files.v2");
    for (int i = 0; i < queries.size(); i++) {
      rules.append("      - record: panel_query_").append(i).append('\n');
      rules
          .append("        expr: '")
          .append(queries.get(i).expr().replace("'", "''"))
          .append("'\n");
    }
    Files.writeString(dir.resolve("panels.yml"), rules);

    MonitoringTools.Run check =
        MonitoringTools.run(dir, "promtool", "check", "rules", "panels.yml");

    assertThat(check.exitCode()).as(check.output()).isZero();
    assertThat(check.output()).contains("SUCCESS: " + queries.size() + " rules found");
  }
}
