package dev.taskyard.app.queues;

import dev.taskyard.app.audit.AuditAction;
import dev.taskyard.app.audit.AuditDetails;
import dev.taskyard.app.platform.OpenApiSchemas;
import dev.taskyard.app.platform.Problem;
import dev.taskyard.app.platform.ProblemException;
import dev.taskyard.app.platform.RedisCircuits;
import dev.taskyard.app.platform.Roles;
import dev.taskyard.app.tasks.SubmitBreakers;
import dev.taskyard.core.control.QueueNames;
import dev.taskyard.core.control.TaskControl;
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
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Queue actions (pause, resume, drain), settings, and this node's circuit breakers. */
@Path("queue")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "queues")
@APIResponse(
    responseCode = "503",
    description = "Redis unavailable (Retry-After)",
    content = @Content(mediaType = Problem.MEDIA_TYPE))
public class QueueControlResource {

  @Inject QueueStore store;
  @Inject RedisCircuits redisCircuits;
  @Inject SubmitBreakers submitBreakers;
  @Inject AuditDetails audit;
  @Inject QueueConfigurator configurator;

  @POST
  @Path("queues/{queue}/pause")
  @AuditAction("queue.pause")
  @Operation(
      operationId = "pauseQueue",
      summary = "Stop claims on every node at once; submits are still accepted")
  @APIResponse(responseCode = "204", description = "Paused")
  @APIResponse(responseCode = "400", description = "Bad queue name")
  @APIResponse(responseCode = "404", description = "Unknown queue")
  public void pause(@PathParam("queue") String queue) {
    store.pause(QueueNames.check(queue));
  }

  @POST
  @Path("queues/{queue}/resume")
  @AuditAction("queue.resume")
  @Operation(operationId = "resumeQueue", summary = "Let workers claim again")
  @APIResponse(responseCode = "204", description = "Resumed")
  @APIResponse(responseCode = "400", description = "Bad queue name")
  @APIResponse(responseCode = "404", description = "Unknown queue")
  public void resume(@PathParam("queue") String queue) {
    store.resume(QueueNames.check(queue));
  }

  @POST
  @Path("queues/{queue}/drain")
  @AuditAction("queue.drain")
  @Operation(
      operationId = "drainQueue",
      summary = "Cancel every queued, scheduled and waiting task",
      description =
          "Running tasks go on and the queue keeps accepting submits (pause it first to stop"
              + " claims). Cancelled tasks release or cancel their dependents as usual.")
  @APIResponse(
      responseCode = "200",
      description = "The counts cancelled, by state",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "DrainedView")))
  @APIResponse(responseCode = "400", description = "Bad queue name")
  @APIResponse(responseCode = "404", description = "Unknown queue")
  public DrainedView drain(@PathParam("queue") String queue) {
    TaskControl.Drained d = store.drain(QueueNames.check(queue));
    return DrainedView.of(queue, d);
  }

  @DELETE
  @Path("queues/{queue}")
  @AuditAction("queue.delete")
  @Operation(
      operationId = "deleteQueue",
      summary = "Delete a queue (administrator only)",
      description =
          "Removes the queue from Redis: its tasks, schedules, settings and counters; its history"
              + " in PostgreSQL stays. Refused (409) while it holds queued, scheduled, waiting or"
              + " running tasks, unless force=true, which deletes those too. Nodes whose workers"
              + " still serve the queue create it again, empty, on their next claim.")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(responseCode = "400", description = "Bad queue name")
  @APIResponse(responseCode = "403", description = "Not the administrator")
  @APIResponse(responseCode = "404", description = "Unknown queue")
  @APIResponse(
      responseCode = "409",
      description =
          "Tasks have not ended (without force), or the history has not caught up yet"
              + " (Retry-After: delete again)")
  public void delete(
      @PathParam("queue") String queue,
      @QueryParam("force") boolean force,
      @Context SecurityContext caller) {
    // web.xml lets operators change things; removing a queue is the administrator's alone.
    if (!caller.isUserInRole(Roles.ADMIN)) {
      throw new ProblemException(
          Problem.of(Response.Status.FORBIDDEN).detail("Only the administrator deletes queues"));
    }
    store.delete(QueueNames.check(queue), force);
  }

  @GET
  @Path("queues/{queue}/settings")
  @Operation(
      operationId = "getQueueSettings",
      summary = "A queue's settings; durations in milliseconds")
  @APIResponse(
      responseCode = "200",
      description = "The settings",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = "QueueSettingsView")))
  @APIResponse(responseCode = "404", description = "Unknown queue")
  public QueueSettingsView settings(@PathParam("queue") String queue) {
    return QueueSettingsView.of(store.settings(QueueNames.check(queue)));
  }

  @PUT
  @Path("queues/{queue}/settings")
  @AuditAction("queue.settings")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "updateQueueSettings",
      summary = "Change a queue's settings (creating the queue if new)",
      description =
          "Fields given replace the current values, others are kept; every node applies them at"
              + " once. Field names as in GET.")
  @APIResponse(
      responseCode = "200",
      description = "The settings now in force",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = "QueueSettingsView")))
  @APIResponse(responseCode = "400", description = "Bad setting; `field` names it")
  @RequestBody(
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = OpenApiSchemas.JSON_OBJECT)))
  public QueueSettingsView configure(@PathParam("queue") String queue, String body) {
    QueueConfigurator.Change change = configurator.configure(queue, body);
    audit.before(change.before());
    audit.after(change.after());
    return change.after();
  }

  @GET
  @Path("breakers")
  @Operation(
      operationId = "listBreakers",
      summary = "This node's circuit breakers",
      description =
          "The Redis adapters' breakers (one per method) and the per-queue submit breakers that"
              + " are open, half-open or counting refusals.")
  @APIResponse(
      responseCode = "200",
      description = "The breakers",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "BreakersView")))
  public BreakersView breakers() {
    return new BreakersView(
        redisCircuits.all(),
        submitBreakers.breaker().snapshots().stream().map(BreakersView.SubmitBreaker::of).toList());
  }
}
