package dev.taskyard.app.reports;

import dev.taskyard.app.audit.AuditAction;
import dev.taskyard.app.audit.AuditDetails;
import dev.taskyard.app.platform.BadParameterException;
import dev.taskyard.app.platform.Problem;
import dev.taskyard.app.platform.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The daily report of every queue: as it reads, and sent now to the configured channels. */
@Path("reports/daily")
@RequestScoped
@Tag(name = "reports")
@Produces(MediaType.APPLICATION_JSON)
public class ReportResource {
  @Inject DailySummaries summaries;
  @Inject ReportChannels channels;
  @Inject ReportDeliveries deliveries;
  @Inject ReportSettings settings;
  @Inject AuditDetails audit;

  /**
   * A day's report as the channels get it, with its figures and the scheduled delivery's state.
   *
   * @param delivery the scheduled delivery of the day; null while there was none
   */
  public record ReportView(
      String subject,
      String text,
      DailySummary summary,
      List<String> channels,
      ReportDeliveries.Delivery delivery) {}

  @GET
  @Operation(
      operationId = "getDailyReport",
      summary = "A day's report: done, failed, p95 duration, backlog and alerts per queue",
      description =
          "day is a date (2026-12-06) in taskyard.reports.zone, by default the day before"
              + " today; the figures come from the hourly metrics of the hours starting in it."
              + " delivery says how its scheduled sending went.")
  @APIResponse(
      responseCode = "200",
      description = "The report, its text, and its delivery",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ReportView")))
  @APIResponse(
      responseCode = "400",
      description = "Bad day; `field` names it",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "503",
      description = "PostgreSQL unavailable (Retry-After)",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public ReportView report(@QueryParam("day") String dayParameter) throws SQLException {
    LocalDate day = day(dayParameter);
    DailySummary summary = summaries.of(day);
    return new ReportView(
        ReportText.subject(summary),
        ReportText.body(summary, settings.consoleUrl()),
        summary,
        channels.configured(),
        deliveries.of(day).orElse(null));
  }

  @POST
  @Path("send")
  @AuditAction("report.send")
  @Consumes(MediaType.WILDCARD)
  @Operation(
      operationId = "sendDailyReport",
      summary = "Send a day's report now to the configured channels (Slack, mail)",
      description =
          "day as for the report. Sent whether or not the scheduled delivery already did; the"
              + " scheduled one is left as it is.")
  @APIResponse(
      responseCode = "200",
      description = "The day and the channels it reached",
      content = @Content(mediaType = MediaType.APPLICATION_JSON))
  @APIResponse(
      responseCode = "400",
      description = "Bad day; `field` names it",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "409",
      description = "No channel is configured",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "502",
      description =
          "A channel refused it or could not be reached; the detail names the others reached",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "503",
      description = "PostgreSQL unavailable (Retry-After)",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Response send(@QueryParam("day") String dayParameter) throws SQLException {
    LocalDate day = day(dayParameter);
    audit.target("report " + day);
    if (channels.configured().isEmpty()) {
      throw new ProblemException(
          Problem.of(Response.Status.CONFLICT)
              .detail(
                  "No channel is configured: set taskyard.reports.slack.webhook-url or"
                      + " taskyard.reports.mail.to"));
    }
    DailySummary summary = summaries.of(day);
    try {
      List<String> reached = channels.send(summary);
      audit.after(Map.of("channels", reached));
      return Response.ok(Map.of("day", day.toString(), "channels", reached)).build();
    } catch (ReportChannels.DeliveryException e) {
      audit.after(Map.of("channels", e.reached(), "error", e.getMessage()));
      throw new ProblemException(
          Problem.of(502, "Bad Gateway")
              .detail(
                  e.getMessage()
                      + (e.reached().isEmpty()
                          ? ""
                          : "; reached: " + String.join(", ", e.reached()))));
    }
  }

  /** The {@code day} parameter: the day before today in the reports' zone if absent. */
  private LocalDate day(String parameter) {
    LocalDate yesterday = summaries.yesterday(Instant.now());
    if (parameter == null || parameter.isBlank()) {
      return yesterday;
    }
    LocalDate day;
    try {
      day = LocalDate.parse(parameter.trim());
    } catch (DateTimeParseException e) {
      throw new BadParameterException("day", "must be a date such as " + yesterday);
    }
    if (day.isAfter(yesterday.plusDays(1))) {
      throw new BadParameterException(
          "day", "must not be after today (" + yesterday.plusDays(1) + ")");
    }
    return day;
  }
}
