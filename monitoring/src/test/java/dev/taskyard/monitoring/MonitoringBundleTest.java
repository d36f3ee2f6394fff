package dev.taskyard.monitoring;

import static dev.taskyard.monitoring.BundleFiles.ALERTMANAGER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The monitoring files agree with each other, so none can drift silently: every alert is complete,
 * has its promtool cases and its runbook section; every recording rule and route is tested.
 */
class MonitoringBundleTest {
  private static final List<String> ANNOTATIONS =
      List.of("summary", "description", "dashboard_url", "runbook_url");
  private static final Pattern RUNBOOK =
      Pattern.compile("\\{\\{ \\$externalLabels\\.runbook_url }}#([a-z0-9-]+)");
  private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6} (.+)$");
  private static final Duration EVALUATION_INTERVAL = Duration.ofMinutes(1);

  @Test
  void theAlertsTheIssueAsksForExist() {
    assertThat(BundleFiles.alertRules())
        .extracting(rule -> rule.path("alert").asText())
        .contains(
            "TaskyardBacklogAboveThreshold",
            "TaskyardBacklogGrowing",
            "TaskyardOldestTaskTooOld",
            "TaskyardFailureRatioHigh",
            "TaskyardDeadLettersGrowing",
            "TaskyardNoWorkers",
            "TaskyardQueuePausedTooLong",
            "TaskyardTaskDurationP95High",
            "TaskyardArchiveLagHigh",
            "TaskyardHistoryQuarantined",
            "TaskyardExporterDown",
            "TaskyardAppDown",
            "TaskyardRedisDown")
        .doesNotHaveDuplicates();
  }

  @Test
  void everyAlertHasASeverityAndTheFourAnnotations() {
    for (JsonNode rule : BundleFiles.alertRules()) {
      String alert = rule.path("alert").asText();
      assertThat(rule.path("labels").path("severity").asText())
          .as(alert)
          .isIn("warning", "critical");
      assertThat(rule.path("for").asText()).as(alert + " for").isNotEmpty();
      for (String annotation : ANNOTATIONS) {
        assertThat(rule.path("annotations").path(annotation).asText())
            .as(alert + " " + annotation)
            .isNotBlank();
      }
    }
  }

  @Test
  void everyPerQueueAlertLinksToTheQueuesConsolePages() {
    for (JsonNode rule : BundleFiles.alertRules()) {
      JsonNode annotations = rule.path("annotations");
      if (annotations.path("summary").asText().contains("$labels.queue")) {
        assertThat(annotations.path("dashboard_url").asText())
            .as(rule.path("alert").asText())
            .isEqualTo(
                "{{ $externalLabels.console_url }}/console/?queue={{ $labels.queue | urlquery }}");
        assertThat(annotations.path("queue_url").asText())
            .as(rule.path("alert").asText())
            .isEqualTo(
                "{{ $externalLabels.console_url }}/console/queues/edit.xhtml"
                    + "?queue={{ $labels.queue | urlquery }}");
      }
    }
  }

  @Test
  void everyAlertIsSilentJustBeforeItsForWindowEndsAndFiresJustAfterInATest() {
    for (JsonNode rule : BundleFiles.alertRules()) {
      String alert = rule.path("alert").asText();
      List<Duration> silent = new ArrayList<>();
      List<Duration> firing = new ArrayList<>();
      for (JsonNode group : BundleFiles.ruleTestGroups()) {
        for (JsonNode test : group.path("alert_rule_test")) {
          if (!test.path("alertname").asText().equals(alert)) {
            continue;
          }
          Duration at = duration(test.path("eval_time").asText());
          JsonNode expected = test.path("exp_alerts");
          if (expected.isEmpty()) {
            silent.add(at);
          } else {
            firing.add(at);
            expected.forEach(e -> assertFiringCaseIsComplete(alert, e));
          }
        }
      }
      assertThat(firing).as(alert + ": a case where it fires").isNotEmpty();
      assertThat(silent)
          .as(alert + ": a case where it is silent one evaluation before it fires")
          .anyMatch(s -> firing.contains(s.plus(EVALUATION_INTERVAL)));
    }
  }

  private static void assertFiringCaseIsComplete(String alert, JsonNode expected) {
    assertThat(expected.path("exp_labels").path("severity").asText())
        .as(alert + " expected severity")
        .isNotEmpty();
    for (String annotation : ANNOTATIONS) {
      assertThat(expected.path("exp_annotations").path(annotation).asText())
          .as(alert + " expected " + annotation)
          .isNotEmpty();
    }
  }

  @Test
  void everyRunbookUrlPointsAtASectionOfTheOperationsDoc() throws Exception {
    Set<String> anchors = new HashSet<>();
    Matcher heading = HEADING.matcher(Files.readString(BundleFiles.OPERATIONS_DOC));
    while (heading.find()) {
      anchors.add(anchor(heading.group(1)));
    }
    for (JsonNode rule : BundleFiles.alertRules()) {
      String alert = rule.path("alert").asText();
      Matcher runbook = RUNBOOK.matcher(rule.path("annotations").path("runbook_url").asText());
      assertThat(runbook.matches()).as(alert + " runbook_url").isTrue();
      assertThat(runbook.group(1)).as(alert).isEqualTo(alert.toLowerCase(Locale.ROOT));
      assertThat(anchors).as(alert + " section in docs/operations.md").contains(runbook.group(1));
    }
  }

  @Test
  void everyRecordingRuleHasAnExpressionTest() {
    List<String> tested = new ArrayList<>();
    BundleFiles.ruleTestGroups()
        .forEach(g -> g.path("promql_expr_test").forEach(t -> tested.add(t.path("expr").asText())));
    for (JsonNode rule : BundleFiles.rules()) {
      if (rule.has("record")) {
        String record = rule.path("record").asText();
        assertThat(tested).as(record).anyMatch(expr -> expr.contains(record));
      }
    }
  }

  @Test
  void everyRouteAndReceiverHasARouteCase() {
    JsonNode config = BundleFiles.readYaml(ALERTMANAGER.resolve("alertmanager.yml"));
    Set<String> reached = new HashSet<>();
    RouteCase.all().forEach(c -> reached.addAll(c.receivers()));

    assertThat(reached).contains(config.path("route").path("receiver").asText());
    config
        .path("route")
        .path("routes")
        .forEach(r -> assertThat(reached).contains(r.path("receiver").asText()));
    config.path("receivers").forEach(r -> assertThat(reached).contains(r.path("name").asText()));
  }

  /** GitHub's anchor of a Markdown heading: lower case, punctuation dropped, spaces as dashes. */
  static String anchor(String heading) {
    return heading.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").trim().replace(' ', '-');
  }

  /** A promtool duration of whole units: {@code 90s}, {@code 41m}, {@code 2h}. */
  private static Duration duration(String text) {
    long amount = Long.parseLong(text.substring(0, text.length() - 1));
    return switch (text.charAt(text.length() - 1)) {
      case 's' -> Duration.ofSeconds(amount);
      case 'm' -> Duration.ofMinutes(amount);
      case 'h' -> Duration.ofHours(amount);
      default -> throw new IllegalArgumentException("unsupported duration " + text);
    };
  }
}
