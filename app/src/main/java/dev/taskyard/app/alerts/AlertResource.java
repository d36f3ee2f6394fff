package dev.taskyard.app.alerts;

import dev.taskyard.app.audit.AuditAction;
import dev.taskyard.app.audit.AuditDetails;
import dev.taskyard.app.platform.BadParameterException;
import dev.taskyard.app.platform.LimitParameter;
import dev.taskyard.app.platform.OpenApiSchemas;
import dev.taskyard.app.platform.Problem;
import dev.taskyard.app.platform.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Alerts of queues and worker nodes raised by this cluster, from PostgreSQL. */
@Path("queue/alerts")
@RequestScoped
@Tag(name = "alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {
  static final int MAX_LIMIT = 1000;

  @Inject AlertStore store;
  @Inject AuditDetails audit;
  @Context SecurityContext caller;

  /**
   * Alerts newest first.
   *
   * @param state {@code open} (the default) or {@code all}
   */
  @GET
  @Operation(
      operationId = "listAlerts",
      summary = "Alerts of queues and worker nodes, newest first: open ones, or all")
  @APIResponse(
      responseCode = "200",
      description = "The alerts",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = OpenApiSchemas.ALERTS)))
  @APIResponse(
      responseCode = "400",
      description = "Bad parameter, naming it",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "503",
      description = "PostgreSQL unavailable (Retry-After)",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public List<Alert> alerts(
      @QueryParam("state") @DefaultValue("open") String state,
      @QueryParam("queue") String queue,
      @QueryParam("limit") @DefaultValue("100") String limitParameter)
      throws SQLException {
    if (!state.equals("open") && !state.equals("all")) {
      throw new BadParameterException("state", "must be open or all");
    }
    return store.list(
        state.equals("open"),
        Optional.ofNullable(queue),
        LimitParameter.parse(limitParameter, MAX_LIMIT));
  }

  @POST
  @Path("{id}/acknowledge")
  @AuditAction("alert.acknowledge")
  @Operation(
      operationId = "acknowledgeAlert",
      summary = "Note that you have seen an alert and are on it",
      description =
          "The first acknowledgement stands: acknowledging again answers the alert unchanged."
              + " An alert stays open until its condition clears, but for DEAD_LETTERED, which"
              + " acknowledging resolves.")
  @APIResponse(
      responseCode = "200",
      description = "The alert, with who acknowledged it and when",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Alert")))
  @APIResponse(
      responseCode = "404",
      description = "No such alert",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "503",
      description = "PostgreSQL unavailable (Retry-After)",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Alert acknowledge(@PathParam("id") long id) throws SQLException {
    Alert alert =
        store
            .acknowledge(id, caller.getUserPrincipal().getName())
            .orElseThrow(
                () ->
                    new ProblemException(
                        Problem.of(Response.Status.NOT_FOUND)
                            .field("id")
                            .detail("No alert " + id + ".")));
    audit.target(alert.subject() + "/" + id);
    audit.after(alert);
    return alert;
  }
}
