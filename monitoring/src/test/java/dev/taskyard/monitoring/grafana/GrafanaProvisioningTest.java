package dev.taskyard.monitoring.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.taskyard.monitoring.MonitoringTools;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class GrafanaProvisioningTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Path PROVISIONING =
      MonitoringTools.REPOSITORY.resolve("grafana/provisioning");

  @Test
  void theDatasourceIsPrometheusUnderTheUidTheDashboardsName() throws IOException {
    JsonNode datasources =
        YAML.readTree(PROVISIONING.resolve("datasources/prometheus.yml").toFile())
            .path("datasources");

    assertThat(datasources).hasSize(1);
    JsonNode prometheus = datasources.get(0);
    assertThat(prometheus.path("uid").asText()).isEqualTo(DashboardJson.DATASOURCE_UID);
    assertThat(prometheus.path("type").asText()).isEqualTo("prometheus");
    assertThat(prometheus.path("url").asText())
        .as("the URL comes from the environment")
        .isEqualTo("${TASKYARD_PROMETHEUS_URL}");
  }

  @Test
  void theDashboardProviderLoadsFilesFromOneDirectory() throws IOException {
    JsonNode providers =
        YAML.readTree(PROVISIONING.resolve("dashboards/taskyard.yml").toFile()).path("providers");

    assertThat(providers).hasSize(1);
    assertThat(providers.get(0).path("type").asText()).isEqualTo("file");
    assertThat(providers.get(0).path("options").path("path").asText())
        .as("a path in Grafana's container, where docker-compose.yml mounts grafana/dashboards")
        .startsWith("/");
  }
}
