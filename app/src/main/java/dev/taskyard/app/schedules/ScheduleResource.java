package dev.taskyard.app.schedules;

import dev.taskyard.app.audit.AuditAction;
import dev.taskyard.app.audit.AuditDetails;
import dev.taskyard.app.platform.OpenApiSchemas;
import dev.taskyard.app.platform.Problem;
import dev.taskyard.core.control.QueueNames;
import dev.taskyard.core.schedule.Schedule;
import dev.taskyard.core.schedule.ScheduleNotFoundException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Recurring schedules. A schedule belongs to a queue and its name is unique within it, so one is
 * addressed as {@code schedules/{queue}/{name}}.
 */
@Path("queue")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "schedules")
@APIResponse(
    responseCode = "503",
    description = "Redis unavailable (Retry-After)",
    content = @Content(mediaType = Problem.MEDIA_TYPE))
public class ScheduleResource {

  @Inject ScheduleStore store;
  @Inject AuditDetails audit;
  @Context UriInfo uri;

  @GET
  @Path("schedules")
  @Operation(
      operationId = "listSchedules",
      summary = "Every schedule, or those of ?queue=, by queue and name")
  @APIResponse(
      responseCode = "200",
      description = "The schedules",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = OpenApiSchemas.SCHEDULES)))
  @APIResponse(responseCode = "400", description = "Bad queue name")
  public List<ScheduleView> list(@QueryParam("queue") String queue) {
    Optional<String> q = Optional.ofNullable(queue).map(QueueNames::check);
    return store.list(q).stream().map(ScheduleView::of).toList();
  }

  @POST
  @Path("schedules")
  @AuditAction("schedule.create")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "createSchedule",
      summary = "Create a schedule (and its queue, if new)",
      description =
          "{\"queue\",\"name\",\"cron\" (5 fields, or 6 with seconds first),\"zone\" (default"
              + " UTC),\"missedFires\" (FIRE_ONCE or SKIP),\"task\":{\"type\",\"payload\","
              + "\"priority\",\"maxAttempts\",\"timeoutMs\",\"correlationId\"}}")
  @APIResponse(
      responseCode = "201",
      description = "Created; Location names it",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ScheduleView")))
  @APIResponse(
      responseCode = "400",
      description = "Bad input (cron, zone, task...); `field` names it")
  @APIResponse(responseCode = "409", description = "The queue has a schedule of that name")
  @RequestBody(
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = OpenApiSchemas.JSON_OBJECT)))
  public Response create(String body) {
    ScheduleCommand command = ScheduleCommand.parseCreate(body);
    audit.target(command.queue() + "/" + command.name());
    Schedule created = store.create(command.queue(), command.name(), command.definition());
    return Response.created(
            uri.getBaseUriBuilder()
                .path("queue/schedules/{queue}/{name}")
                .build(created.queue(), created.name()))
        .entity(ScheduleView.of(created))
        .build();
  }

  @GET
  @Path("schedules/{queue}/{name}")
  @Operation(operationId = "getSchedule", summary = "One schedule with its next fire time")
  @APIResponse(
      responseCode = "200",
      description = "The schedule",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ScheduleView")))
  @APIResponse(responseCode = "404", description = "No such schedule")
  public ScheduleView get(@PathParam("queue") String queue, @PathParam("name") String name) {
    return store
        .get(queue, name)
        .map(ScheduleView::of)
        .orElseThrow(() -> new ScheduleNotFoundException(queue, name));
  }

  @PUT
  @Path("schedules/{queue}/{name}")
  @AuditAction("schedule.update")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "updateSchedule",
      summary = "Replace a schedule's definition",
      description =
          "Body as for create, without queue and name. A new cron or zone plans the next fire"
              + " time from now.")
  @APIResponse(
      responseCode = "200",
      description = "The schedule",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ScheduleView")))
  @APIResponse(responseCode = "400", description = "Bad input; `field` names it")
  @APIResponse(responseCode = "404", description = "No such schedule")
  @RequestBody(
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = OpenApiSchemas.JSON_OBJECT)))
  public ScheduleView update(
      @PathParam("queue") String queue, @PathParam("name") String name, String body) {
    ScheduleCommand command = ScheduleCommand.parseUpdate(queue, name, body);
    store.get(queue, name).ifPresent(s -> audit.before(ScheduleView.of(s)));
    ScheduleView updated = ScheduleView.of(store.update(queue, name, command.definition()));
    audit.after(updated);
    return updated;
  }

  @DELETE
  @Path("schedules/{queue}/{name}")
  @AuditAction("schedule.delete")
  @Operation(
      operationId = "deleteSchedule",
      summary = "Delete a schedule; the tasks it created are left alone")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(responseCode = "404", description = "No such schedule")
  public void delete(@PathParam("queue") String queue, @PathParam("name") String name) {
    store.delete(queue, name);
  }

  @POST
  @Path("schedules/{queue}/{name}/pause")
  @AuditAction("schedule.pause")
  @Operation(
      operationId = "pauseSchedule",
      summary = "Stop a schedule firing; fire times until resumed are skipped")
  @APIResponse(
      responseCode = "200",
      description = "The schedule",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ScheduleView")))
  @APIResponse(responseCode = "404", description = "No such schedule")
  public ScheduleView pause(@PathParam("queue") String queue, @PathParam("name") String name) {
    return ScheduleView.of(store.pause(queue, name));
  }

  @POST
  @Path("schedules/{queue}/{name}/resume")
  @AuditAction("schedule.resume")
  @Operation(
      operationId = "resumeSchedule",
      summary = "Fire a paused schedule again, from its first fire time after now")
  @APIResponse(
      responseCode = "200",
      description = "The schedule",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ScheduleView")))
  @APIResponse(responseCode = "404", description = "No such schedule")
  public ScheduleView resume(@PathParam("queue") String queue, @PathParam("name") String name) {
    return ScheduleView.of(store.resume(queue, name));
  }
}
