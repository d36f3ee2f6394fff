package dev.taskyard.monitoring;

import static dev.taskyard.monitoring.BundleFiles.ALERTMANAGER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskyard.monitoring.MonitoringTools.Run;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code alertmanager/} as Debian's amtool 0.25 judges it: the config, where each case of {@code
 * tests/routes.yml} is routed, and what the templates render.
 */
class AlertmanagerConfigIT {

  @Test
  void configIsValidWithItsTemplates() throws Exception {
    Run run = MonitoringTools.run(ALERTMANAGER, "amtool", "check-config", "alertmanager.yml");

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).contains("SUCCESS").contains("1 templates").doesNotContain("FAILED");
  }

  static Stream<Arguments> routeCases() {
    return RouteCase.all().stream().map(c -> Arguments.of(c.name(), c));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routeCases")
  void alertReachesItsReceivers(String name, RouteCase routeCase) throws Exception {
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            "config",
            "routes",
            "test",
            "--config.file=alertmanager.yml",
            "--verify.receivers=" + String.join(",", routeCase.receivers())));
    routeCase.labels().forEach((label, value) -> args.add(label + "=" + value));

    Run run = MonitoringTools.run(ALERTMANAGER, "amtool", args.toArray(String[]::new));

    assertThat(run.exitCode()).as(run.output()).isZero();
    // amtool prints the receivers it resolved on a line of their own (stderr has a warning)
    assertThat(run.output().lines()).contains(String.join(",", routeCase.receivers()));
  }

  @Test
  void aWrongReceiverFailsTheRouteTest() throws Exception {
    Run run =
        MonitoringTools.run(
            ALERTMANAGER,
            "amtool",
            "config",
            "routes",
            "test",
            "--config.file=alertmanager.yml",
            "--verify.receivers=ops-slack",
            "severity=critical");

    assertThat(run.exitCode()).as(run.output()).isNotZero();
  }

  @Test
  void slackMessageShowsQueueValueThresholdAndLinks() throws Exception {
    String text = render("text", "taskyard.slack.text", "backlog-firing.json");

    assertThat(text)
        .isEqualTo(
            """
            *Backlog of emails above its limit* (warning)
            Queue: `emails`
            150 tasks queued in emails, above its limit of 100 (queue setting maxQueued) for 5 min.
            <http://localhost:8080/taskyard-app/console/?queue=emails|Dashboard> \
            · <http://localhost:8080/taskyard-app/console/queues/edit.xhtml?queue=emails|Queue settings> \
            · <https://github.com/taskyard/taskyard/blob/main/docs/operations.md#taskyardbacklogabovethreshold|Runbook>
            """);
    assertThat(render("text", "taskyard.slack.title", "backlog-firing.json"))
        .isEqualTo("[FIRING:1] TaskyardBacklogAboveThreshold in emails");
  }

  @Test
  void emailShowsQueueValueThresholdAndLinks() throws Exception {
    String text = render("text", "taskyard.email.text", "backlog-firing.json");
    String html = render("html", "taskyard.email.html", "backlog-firing.json");

    assertThat(text)
        .isEqualTo(
            """
            Backlog of emails above its limit (warning)
            Queue: emails
            150 tasks queued in emails, above its limit of 100 (queue setting maxQueued) for 5 min.
            Dashboard: http://localhost:8080/taskyard-app/console/?queue=emails
            Queue settings: http://localhost:8080/taskyard-app/console/queues/edit.xhtml?queue=emails
            Runbook: https://github.com/taskyard/taskyard/blob/main/docs/operations.md#taskyardbacklogabovethreshold
            Since: 2026-01-02 03:04:05 UTC

            """);
    assertThat(html)
        .contains("<p>Queue: <b>emails</b></p>")
        .contains("<p>150 tasks queued in emails, above its limit of 100")
        .contains(
            "<a href=\"http://localhost:8080/taskyard-app/console/?queue=emails\">Dashboard</a>")
        .contains(
            "<a href=\"http://localhost:8080/taskyard-app/console/queues/edit.xhtml?queue=emails\">")
        .contains("operations.md#taskyardbacklogabovethreshold\">Runbook</a>");
    assertThat(render("text", "taskyard.email.subject", "backlog-firing.json"))
        .isEqualTo("[FIRING:1] TaskyardBacklogAboveThreshold in emails");
  }

  @Test
  void resolvedNotificationSaysSo() throws Exception {
    assertThat(render("text", "taskyard.email.subject", "backlog-resolved.json"))
        .isEqualTo("[RESOLVED] TaskyardBacklogAboveThreshold in emails");
    assertThat(render("text", "taskyard.slack.text", "backlog-resolved.json"))
        .startsWith("*Resolved: Backlog of emails above its limit* (warning)\nQueue: `emails`\n");
  }

  /** Renders the template {@code name} with the notification data in {@code tests/data}. */
  private static String render(String type, String name, String data) throws Exception {
    Run run =
        MonitoringTools.run(
            ALERTMANAGER,
            "amtool",
            "template",
            "render",
            "--template.glob=templates/*.tmpl",
            "--template.type=" + type,
            "--template.data=tests/" + data,
            "--template.text={{ template \"" + name + "\" . }}");
    assertThat(run.exitCode()).as(run.output()).isZero();
    return run.output();
  }
}
