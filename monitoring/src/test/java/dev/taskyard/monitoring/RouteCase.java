package dev.taskyard.monitoring;

import static dev.taskyard.monitoring.BundleFiles.ALERTMANAGER;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One case of {@code alertmanager/tests/routes.yml}: an alert's labels and its receivers. */
record RouteCase(String name, Map<String, String> labels, List<String> receivers) {
  static List<RouteCase> all() {
    List<RouteCase> cases = new ArrayList<>();
    for (JsonNode node : BundleFiles.readYaml(ALERTMANAGER.resolve("tests/routes.yml"))) {
      Map<String, String> labels = new LinkedHashMap<>();
      node.path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
      List<String> receivers = new ArrayList<>();
      node.path("receivers").forEach(r -> receivers.add(r.asText()));
      cases.add(new RouteCase(node.path("name").asText(), labels, receivers));
    }
    return cases;
  }
}
