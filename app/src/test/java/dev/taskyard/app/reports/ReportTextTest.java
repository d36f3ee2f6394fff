package dev.taskyard.app.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReportTextTest {
  private static final Instant FROM = Instant.parse("2026-12-05T23:00:00Z");
  private static final Instant TO = Instant.parse("2026-12-06T23:00:00Z");

  private final DailySummary summary =
      new DailySummary(
          LocalDate.of(2026, 12, 6),
          "Europe/Paris",
          FROM,
          TO,
          List.of(
              new DailySummary.QueueDay(
                  "emails",
                  12_345,
                  12,
                  1,
                  1_250.0,
                  340,
                  0L,
                  List.of(
                      new DailySummary.RaisedAlert(
                          "BACKLOG",
                          "emails",
                          Instant.parse("2026-12-06T08:12:00Z"),
                          "queued 1200 > 1000"))),
              new DailySummary.QueueDay("reports", 7, 0, 0, null, 2, null, List.of())),
          List.of(
              new DailySummary.RaisedAlert(
                  "WORKER_LOST",
                  "node-a",
                  Instant.parse("2026-12-06T02:14:00Z"),
                  "node node-a lost")));

  @Test
  void theSubjectAddsUpTheQueuesAndCountsTheAlerts() {
    assertThat(ReportText.subject(summary))
        .isEqualTo("Taskyard daily report, 2026-12-06: 12,352 done, 12 failed, 1 dead, 2 alerts");
  }

  @Test
  void theBodyIsATableOfQueuesThenTheAlertsInOrderInTheDaysZoneThenTheConsole() {
    assertThat(ReportText.body(summary, Optional.of("https://ops.example/taskyard-app")))
        .isEqualTo(
            """
            Queues on 2026-12-06 (Europe/Paris), failed counting attempts:

            queue      done  failed  dead  p95 duration  most queued  queued now  alerts
            emails   12,345      12     1         1.3 s          340           0       1
            reports       7       0     0             -            2   (deleted)       0

            Alerts raised:
            - 03:14 WORKER_LOST node-a: node node-a lost
            - 09:12 BACKLOG emails: queued 1200 > 1000

            Console: https://ops.example/taskyard-app/console/
            """);
  }

  @Test
  void aDayWithoutQueuesOrAlertsSaysSo() {
    DailySummary quiet =
        new DailySummary(LocalDate.of(2026, 12, 6), "UTC", FROM, TO, List.of(), List.of());

    assertThat(ReportText.body(quiet, Optional.empty()))
        .isEqualTo(
            """
            Queues on 2026-12-06 (UTC), failed counting attempts:

            No queue recorded any metrics on this day.

            No alert was raised.
            """);
  }

  @Test
  void slackTextEscapesWhatItsMarkupReads() {
    assertThat(ReportChannels.escapeForSlack("a <b> & c")).isEqualTo("a &lt;b&gt; &amp; c");
  }
}
