package dev.taskyard.app.tasks;

import dev.taskyard.app.audit.AuditAction;
import dev.taskyard.app.audit.AuditDetails;
import dev.taskyard.app.platform.OpenApiSchemas;
import dev.taskyard.app.platform.Problem;
import dev.taskyard.app.platform.ProblemException;
import dev.taskyard.core.control.QueueNames;
import dev.taskyard.core.control.TaskControl;
import dev.taskyard.core.enqueue.Submission;
import dev.taskyard.core.task.TaskIds;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Submitting tasks and acting on one task. A task is found by id across queues in one pipelined
 * read; {@code ?queue=} names its queue and saves that read.
 */
@Path("queue")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "tasks")
@APIResponse(
    responseCode = "503",
    description = "Redis unavailable (Retry-After)",
    content = @Content(mediaType = Problem.MEDIA_TYPE))
public class TaskCommandResource {

  @Inject TaskSubmitter submitter;
  @Inject TaskStore store;
  @Inject AuditDetails audit;
  @Context UriInfo uri;

  @POST
  @Path("tasks")
  @AuditAction("task.submit")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "submitTasks",
      summary = "Submit one task, or a batch accepted or refused whole",
      description =
          "One task: {\"queue\",\"type\",\"payload\",\"priority\",\"delayMs\"|\"runAt\","
              + "\"maxAttempts\",\"timeoutMs\",\"idempotencyKey\",\"correlationId\",\"dependsOn\","
              + "\"onParentFailure\"}. A batch: {\"queue\",\"tasks\":[...]}. A new queue is"
              + " created on first submit.")
  @RequestBody(
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = OpenApiSchemas.JSON_OBJECT)))
  @APIResponse(
      responseCode = "201",
      description = "Submitted; Location names the task (one task)",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = OpenApiSchemas.SUBMITTED)))
  @APIResponse(
      responseCode = "200",
      description = "Every idempotency key matched an earlier task",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = OpenApiSchemas.SUBMITTED)))
  @APIResponse(
      responseCode = "400",
      description = "Bad input; `field` names it",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(responseCode = "415", description = "Body not JSON")
  @APIResponse(responseCode = "429", description = "Submit rate limit (Retry-After)")
  @APIResponse(
      responseCode = "503",
      description =
          "Queue full, its submit circuit open, not confirmed by a replica, or Redis unavailable"
              + " (Retry-After)")
  public Response submit(String body) {
    SubmitTaskCommand command = SubmitTaskCommand.parse(body);
    audit.target(command.queue());
    List<Submission> submissions = submitter.submit(command);
    audit.after(Map.of("ids", submissions.stream().map(Submission::id).toList()));
    List<SubmittedView> views =
        submissions.stream()
            .map(s -> new SubmittedView(command.queue(), s.id(), s.created(), location(s.id())))
            .toList();
    boolean created = submissions.stream().anyMatch(Submission::created);
    Response.ResponseBuilder response = Response.status(created ? 201 : 200);
    if (!command.batch()) {
      return response.location(views.get(0).location()).entity(views.get(0)).build();
    }
    return response.entity(new SubmittedBatchView(command.queue(), views)).build();
  }

  @POST
  @Path("task/{id}/retry")
  @AuditAction("task.retry")
  @Operation(
      operationId = "retryTask",
      summary = "Run an ended task (FAILED, EXPIRED, CANCELLED) again")
  @APIResponse(
      responseCode = "200",
      description = "Queued again",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = "TaskActionView")))
  @APIResponse(responseCode = "404", description = "No such task")
  @APIResponse(responseCode = "409", description = "The task has not ended, or succeeded")
  public TaskActionView retry(@PathParam("id") String id, @QueryParam("queue") String queue) {
    String q = queueOf(id, queue);
    store.retry(q, id);
    return new TaskActionView(q, id, "RETRIED");
  }

  @POST
  @Path("task/{id}/cancel")
  @AuditAction("task.cancel")
  @Operation(
      operationId = "cancelTask",
      summary = "Cancel a task: at once if not started, cooperatively if running")
  @APIResponse(
      responseCode = "200",
      description = "Cancelled; it will not run",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = "TaskActionView")))
  @APIResponse(
      responseCode = "202",
      description = "Running; its worker was asked to stop it",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = "TaskActionView")))
  @APIResponse(responseCode = "404", description = "No such task")
  @APIResponse(responseCode = "409", description = "The task has ended already")
  public Response cancel(@PathParam("id") String id, @QueryParam("queue") String queue) {
    String q = queueOf(id, queue);
    boolean now = store.cancel(q, id) == TaskControl.Cancellation.CANCELLED;
    return Response.status(now ? 200 : 202)
        .entity(new TaskActionView(q, id, now ? "CANCELLED" : "CANCEL_REQUESTED"))
        .build();
  }

  @POST
  @Path("task/{id}/promote")
  @AuditAction("task.promote")
  @Operation(
      operationId = "promoteTask",
      summary = "Run a scheduled task (future run-at or retry backoff) now")
  @APIResponse(
      responseCode = "200",
      description = "Queued",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = "TaskActionView")))
  @APIResponse(responseCode = "404", description = "No such task")
  @APIResponse(responseCode = "409", description = "The task is not scheduled")
  public TaskActionView promote(@PathParam("id") String id, @QueryParam("queue") String queue) {
    String q = queueOf(id, queue);
    store.promote(q, id);
    return new TaskActionView(q, id, "PROMOTED");
  }

  @PUT
  @Path("task/{id}/priority")
  @AuditAction("task.priority")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "setTaskPriority",
      summary = "Change the priority of a task that has not started: {\"priority\": n}")
  @APIResponse(
      responseCode = "200",
      description = "Reprioritised",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = "TaskActionView")))
  @APIResponse(responseCode = "400", description = "Bad priority; `field` names it")
  @APIResponse(responseCode = "404", description = "No such task")
  @APIResponse(responseCode = "409", description = "The task has started or ended")
  @RequestBody(
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = OpenApiSchemas.JSON_OBJECT)))
  public TaskActionView priority(
      @PathParam("id") String id, @QueryParam("queue") String queue, String body) {
    PriorityCommand command = PriorityCommand.parse(body);
    String q = queueOf(id, queue);
    store
        .find(Optional.of(q), id)
        .ifPresent(task -> audit.before(Map.of("priority", task.priority())));
    store.reprioritize(q, id, command.priority());
    audit.after(Map.of("priority", command.priority()));
    return new TaskActionView(q, id, "REPRIORITIZED");
  }

  @POST
  @Path("task/{id}/move")
  @AuditAction("task.move")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "moveTask",
      summary =
          "Change a queued task's place by hand: {\"to\": \"up\"} or \"down\" (one place),"
              + " \"next\" (ahead of every other, at the highest priority)")
  @APIResponse(
      responseCode = "200",
      description = "MOVED, or UNCHANGED when it is first (up) or last (down) already",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = "TaskActionView")))
  @APIResponse(responseCode = "400", description = "Bad place; `field` names it")
  @APIResponse(responseCode = "404", description = "No such task")
  @APIResponse(responseCode = "409", description = "The task is not queued")
  @RequestBody(
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = OpenApiSchemas.JSON_OBJECT)))
  public TaskActionView move(
      @PathParam("id") String id, @QueryParam("queue") String queue, String body) {
    MoveCommand command = MoveCommand.parse(body);
    String q = queueOf(id, queue);
    audit.after(Map.of("to", command.to().name().toLowerCase(Locale.ROOT)));
    return new TaskActionView(q, id, store.move(q, id, command.to()) ? "MOVED" : "UNCHANGED");
  }

  @DELETE
  @Path("task/{id}")
  @AuditAction("task.delete")
  @Operation(operationId = "deleteTask", summary = "Delete an ended task and its record")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(responseCode = "404", description = "No such task")
  @APIResponse(responseCode = "409", description = "The task has not ended")
  public void delete(@PathParam("id") String id, @QueryParam("queue") String queue) {
    store.delete(queueOf(id, queue), id);
  }

  /** The task's queue, once its id is known to be one: a malformed id never reaches Redis. */
  private String queueOf(String id, String queue) {
    TaskIds.check("id", id);
    if (queue != null) {
      return QueueNames.check(queue);
    }
    return store
        .queueOf(id)
        .orElseThrow(
            () ->
                new ProblemException(
                    Problem.of(Response.Status.NOT_FOUND)
                        .detail("No task " + id + " in any queue")));
  }

  private URI location(String id) {
    return uri.getBaseUriBuilder().path("queue/task/{id}").build(id);
  }
}
