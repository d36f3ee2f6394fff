package dev.taskyard.app.reports;

import static dev.taskyard.app.ApiClient.json;
import static dev.taskyard.app.Problems.assertBadField;
import static dev.taskyard.app.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskyard.app.ApiClient;
import dev.taskyard.app.ItQueues;
import dev.taskyard.app.ReportSinks;
import dev.taskyard.app.TestStack;
import dev.taskyard.core.Taskyard;
import dev.taskyard.core.enqueue.TaskRequest;
import dev.taskyard.core.worker.WorkerPool;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The daily report on a real Payara Micro configured to send it from midnight UTC (see {@code
 * arquillian.xml}) to the {@link ReportSinks} of this JVM: a Slack webhook and a real SMTP server.
 */
@ExtendWith(ArquillianExtension.class)
class DailyReportIT {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final ReportSinks SINKS = TestStack.REPORT_SINKS;

  @ArquillianResource URL base;

  @Deployment(testable = false)
  static WebArchive app() {
    return TestStack.war();
  }

  @Test
  void yesterdaysReportIsSentOnceToSlackAndByMailAsTheDayStarts() throws Exception {
    ApiClient api = ApiClient.asAdmin(base);
    // The job runs when the app starts and every minute: yesterday's delivery is on record.
    JsonObject delivery =
        await()
            .atMost(WAIT)
            .until(
                () -> json(api.get("api/reports/daily")).asJsonObject(),
                report ->
                    report.get("delivery") instanceof JsonObject d && d.containsKey("deliveredAt"))
            .getJsonObject("delivery");
    assertThat(delivery.getString("channels")).isEqualTo("slack,mail");
    String subject = "Taskyard daily report, " + delivery.getString("day") + ":";

    // Every deployment of the test run looked; one node's claim won.
    assertThat(SINKS.posted()).filteredOn(body -> body.contains(subject)).hasSize(1);
    assertThat(
            Arrays.stream(SINKS.mail().getReceivedMessages())
                .filter(m -> subjectOf(m).startsWith(subject)))
        .hasSize(1)
        .allSatisfy(
            m -> assertThat(m.getAllRecipients()[0].toString()).isEqualTo("ops@example.test"));
  }

  @Test
  void aReportSentNowListsTheQueueWithWhatItDidAndIsAudited() throws Exception {
    String queue = ItQueues.random();
    try (Taskyard taskyard = Taskyard.connect(TestStack.REDIS.url());
        WorkerPool pool =
            taskyard.workerPool().queue(queue, 1).handler("it.work", task -> "{}").start()) {
      Instant submitted = Instant.now();
      taskyard.producer().submit(queue, TaskRequest.of("it.work", "{}"));
      ApiClient api = ApiClient.asAdmin(base);
      // Counted in the hour its sample fell in: the day of the submit, or the next one.
      Pattern row = Pattern.compile("(?m)^" + Pattern.quote(queue) + " +1 +0 +0 ");
      LocalDate submitDay = LocalDate.ofInstant(submitted, ZoneOffset.UTC);
      LocalDate day =
          await()
              .atMost(WAIT)
              .until(
                  () ->
                      List.of(submitDay, submitDay.plusDays(1)).stream()
                          .filter(d -> !d.isAfter(LocalDate.now(ZoneOffset.UTC)))
                          .filter(d -> row.matcher(text(api, d)).find())
                          .findFirst(),
                  Optional::isPresent)
              .orElseThrow();

      HttpResponse<String> sent = api.post("api/reports/daily/send?day=" + day, null);

      assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
      assertThat(json(sent).asJsonObject().getJsonArray("channels").toString())
          .isEqualTo("[\"slack\",\"mail\"]");
      String slack = SINKS.posted().get(SINKS.posted().size() - 1);
      assertThat(slack).contains(queue).contains("Console: http://console.example.test");
      MimeMessage mail =
          Arrays.stream(SINKS.mail().getReceivedMessages())
              .filter(m -> subjectOf(m).startsWith("Taskyard daily report, " + day + ":"))
              .reduce((first, second) -> second)
              .orElseThrow();
      assertThat(row.matcher(mail.getContent().toString()).find()).isTrue();
      JsonObject audited =
          json(api.get("api/audit?action=report.send&target=report%20" + day))
              .asJsonObject()
              .getJsonArray("entries")
              .getJsonObject(0);
      assertThat(audited.getString("actor")).isEqualTo(ApiClient.ADMIN_USER);
    } finally {
      try (Taskyard taskyard = Taskyard.connect(TestStack.REDIS.url())) {
        ItQueues.delete(taskyard, queue);
      }
    }
  }

  @Test
  void aWebhookThatRefusesIsSaidWithoutInternalsAndMailStillGoes() {
    SINKS.answer(500);
    try {
      // Today's: yesterday's is the scheduled delivery's, sent once.
      LocalDate today = LocalDate.now(ZoneOffset.UTC);
      HttpResponse<String> sent =
          ApiClient.asAdmin(base).post("api/reports/daily/send?day=" + today, null);

      JsonObject problem = assertProblem(sent, 502);
      assertThat(problem.getString("detail"))
          .isEqualTo("slack: the webhook answered 500; reached: mail");
    } finally {
      SINKS.answer(200);
    }
  }

  @Test
  void aViewerMayReadTheReportButNotSendIt() {
    ApiClient viewer = ApiClient.as(base, "it-viewer", "it-viewer-secret");

    assertThat(viewer.get("api/reports/daily").statusCode()).isEqualTo(200);
    assertProblem(
        viewer.post("api/reports/daily/send?day=" + LocalDate.now(ZoneOffset.UTC), null), 403);
  }

  @Test
  void aDayThatIsNoDateOrStillToComeIsRefusedNamingIt() {
    ApiClient api = ApiClient.asAdmin(base);
    LocalDate later = LocalDate.now(ZoneOffset.UTC).plusDays(3);

    assertBadField(api.get("api/reports/daily?day=yesterday"), "day");
    assertBadField(api.get("api/reports/daily?day=" + later), "day");
    assertBadField(api.post("api/reports/daily/send?day=" + later, null), "day");
  }

  private static String text(ApiClient api, LocalDate day) {
    return json(api.get("api/reports/daily?day=" + day)).asJsonObject().getString("text");
  }

  private static String subjectOf(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
