package dev.taskyard.app.audit;

import dev.taskyard.app.platform.BadParameterException;
import dev.taskyard.app.platform.OpenApiSchemas;
import dev.taskyard.app.platform.Problem;
import dev.taskyard.app.platform.ProblemException;
import dev.taskyard.app.platform.Roles;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The audit log, for the administrator only: it shows every user's actions, their addresses and the
 * settings they changed. Read from PostgreSQL, newest first, filtered by actor, action, target and
 * time; paged with a cursor, or exported whole as CSV or JSON.
 */
@Path("audit")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit")
public class AuditResource {
  private static final Logger LOG = Logger.getLogger(AuditResource.class.getName());
  static final String CSV = "text/csv";

  @Inject AuditStore store;
  @Inject AuditStream stream;
  @Inject AuditLog log;
  @Context SecurityContext caller;

  @GET
  @Operation(
      operationId = "listAuditEntries",
      summary = "One page of the audit log, newest first (administrator only)",
      description =
          "actor, action and target match exactly; from/to bound the time (ISO-8601, from"
              + " inclusive, to exclusive); cursor is the next of the previous page, with the same"
              + " filters. Entries reach the list from Redis within about a second; pending counts"
              + " those not there yet.")
  @APIResponse(
      responseCode = "200",
      description = "The page, the cursor of the next one, and what is not yet listed",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "AuditPageView")))
  @APIResponse(
      responseCode = "400",
      description = "Bad parameter; `field` names it",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "403",
      description = "Not the administrator",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "503",
      description = "PostgreSQL unavailable (Retry-After)",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public AuditPageView list(
      @QueryParam("actor") String actor,
      @QueryParam("action") String action,
      @QueryParam("target") String target,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("limit") String limit,
      @QueryParam("cursor") String cursor) {
    requireAdmin();
    AuditQuery query =
        new AuditQueryParameters(actor, action, target, from, to, limit, cursor).toQuery();
    AuditPage page = store.page(query);
    return new AuditPageView(
        page.rows().stream().map(AuditEntryView::of).toList(),
        page.next().map(AuditCursor::encode).orElse(null),
        pending(),
        log.lost());
  }

  @GET
  @Path("export")
  @Produces({CSV, MediaType.APPLICATION_JSON})
  @Operation(
      operationId = "exportAuditEntries",
      summary =
          "Every entry matching the filters, newest first, as CSV or JSON (administrator only)",
      description =
          "Filters as for the list. format=csv (the default) writes a header line and one line per"
              + " entry, values a spreadsheet would run as a formula prefixed with an apostrophe;"
              + " format=json writes an array of the list's entries. Streamed as it is read.")
  @APIResponse(
      responseCode = "200",
      description = "The entries, as an attachment",
      content = {
        @Content(mediaType = CSV),
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = OpenApiSchemas.AUDIT_ENTRIES))
      })
  @APIResponse(
      responseCode = "400",
      description = "Bad parameter; `field` names it",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "403",
      description = "Not the administrator",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "503",
      description = "PostgreSQL unavailable (Retry-After)",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Response export(
      @QueryParam("format") @DefaultValue("csv") String format,
      @QueryParam("actor") String actor,
      @QueryParam("action") String action,
      @QueryParam("target") String target,
      @QueryParam("from") String from,
      @QueryParam("to") String to) {
    requireAdmin();
    boolean csv =
        switch (format) {
          case "csv" -> true;
          case "json" -> false;
          default -> throw new BadParameterException("format", "must be csv or json");
        };
    AuditQuery query =
        new AuditQueryParameters(
                actor,
                action,
                target,
                from,
                to,
                Integer.toString(AuditQueryParameters.MAX_LIMIT),
                null)
            .toQuery();
    // The first page before the answer starts: PostgreSQL away is a 503, not a truncated file.
    AuditPage first = store.page(query);
    StreamingOutput body = output -> AuditExport.write(store, query, first, csv, output);
    return Response.ok(body, csv ? CSV + "; charset=UTF-8" : MediaType.APPLICATION_JSON)
        .header(
            "Content-Disposition",
            "attachment; filename=\"taskyard-audit." + (csv ? "csv" : "json") + "\"")
        .build();
  }

  private Long pending() {
    try {
      return stream.pending();
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "Audit stream length unknown", e);
      return null;
    }
  }

  // web.xml lets every role read the API; the audit log is the administrator's alone.
  private void requireAdmin() {
    if (!caller.isUserInRole(Roles.ADMIN)) {
      throw new ProblemException(
          Problem.of(Response.Status.FORBIDDEN)
              .detail("Only the administrator reads the audit log"));
    }
  }
}
