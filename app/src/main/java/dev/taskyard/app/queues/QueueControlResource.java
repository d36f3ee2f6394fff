package dev.taskyard.app.queues;

import dev.taskyard.app.platform.Problem;
import dev.taskyard.app.platform.RedisCircuits;
import dev.taskyard.app.tasks.SubmitBreakers;
import dev.taskyard.core.control.QueueNames;
import dev.taskyard.core.control.QueueSettings;
import dev.taskyard.core.control.TaskControl;
import dev.taskyard.core.control.UnknownQueueException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
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

  @POST
  @Path("queues/{queue}/pause")
  @Operation(summary = "Stop claims on every node at once; submits are still accepted")
  @APIResponse(responseCode = "204", description = "Paused")
  @APIResponse(responseCode = "400", description = "Bad queue name")
  @APIResponse(responseCode = "404", description = "Unknown queue")
  public void pause(@PathParam("queue") String queue) {
    store.pause(QueueNames.check(queue));
  }

  @POST
  @Path("queues/{queue}/resume")
  @Operation(summary = "Let workers claim again")
  @APIResponse(responseCode = "204", description = "Resumed")
  @APIResponse(responseCode = "400", description = "Bad queue name")
  @APIResponse(responseCode = "404", description = "Unknown queue")
  public void resume(@PathParam("queue") String queue) {
    store.resume(QueueNames.check(queue));
  }

  @POST
  @Path("queues/{queue}/drain")
  @Operation(
      summary = "Cancel every queued, scheduled and waiting task",
      description =
          "Running tasks go on and the queue keeps accepting submits (pause it first to stop"
              + " claims). Cancelled tasks release or cancel their dependents as usual.")
  @APIResponse(responseCode = "200", description = "The counts cancelled, by state")
  @APIResponse(responseCode = "400", description = "Bad queue name")
  @APIResponse(responseCode = "404", description = "Unknown queue")
  public DrainedView drain(@PathParam("queue") String queue) {
    TaskControl.Drained d = store.drain(QueueNames.check(queue));
    return new DrainedView(queue, d.queued(), d.scheduled(), d.waiting(), d.total());
  }

  @GET
  @Path("queues/{queue}/settings")
  @Operation(summary = "A queue's settings; durations in milliseconds")
  @APIResponse(responseCode = "200", description = "The settings")
  @APIResponse(responseCode = "404", description = "Unknown queue")
  public QueueSettingsView settings(@PathParam("queue") String queue) {
    return QueueSettingsView.of(store.settings(QueueNames.check(queue)));
  }

  @PUT
  @Path("queues/{queue}/settings")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Change a queue's settings (creating the queue if new)",
      description =
          "Fields given replace the current values, others are kept; every node applies them at"
              + " once. Field names as in GET.")
  @APIResponse(responseCode = "200", description = "The settings now in force")
  @APIResponse(responseCode = "400", description = "Bad setting; `field` names it")
  public QueueSettingsView configure(@PathParam("queue") String queue, String body) {
    QueueNames.check(queue);
    QueueSettingsCommand command = QueueSettingsCommand.parse(body);
    QueueSettings current;
    try {
      current = store.settings(queue);
    } catch (UnknownQueueException e) {
      current = QueueSettings.defaults();
    }
    // Applied to what was read to check the whole (backoffCap >= backoffBase, ...); only the
    // fields it changes are written, so concurrent changes of the others are kept.
    QueueSettings changed = command.applyTo(current);
    store.change(queue, current, changed);
    return QueueSettingsView.of(store.settings(queue));
  }

  @GET
  @Path("breakers")
  @Operation(
      summary = "This node's circuit breakers",
      description =
          "The Redis adapters' breakers (one per method) and the per-queue submit breakers that"
              + " are open, half-open or counting refusals.")
  @APIResponse(responseCode = "200", description = "The breakers")
  public BreakersView breakers() {
    return new BreakersView(
        redisCircuits.all(),
        submitBreakers.breaker().snapshots().stream().map(BreakersView.SubmitBreaker::of).toList());
  }
}
