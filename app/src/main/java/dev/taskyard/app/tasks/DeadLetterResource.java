package dev.taskyard.app.tasks;

import dev.taskyard.app.audit.AuditAction;
import dev.taskyard.app.audit.AuditDetails;
import dev.taskyard.app.platform.BadParameterException;
import dev.taskyard.app.platform.LimitParameter;
import dev.taskyard.app.platform.OpenApiSchemas;
import dev.taskyard.app.platform.Problem;
import dev.taskyard.core.control.QueueNames;
import dev.taskyard.core.deadletter.DeadLetters;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A queue's dead letters (tasks that ended FAILED or EXPIRED): listed most recent first and
 * replayed, as on the console's dead letters page and recorded under the same action.
 */
@Path("queue/queues/{queue}/dead-letters")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "queues")
@APIResponse(
    responseCode = "503",
    description = "Redis unavailable (Retry-After)",
    content = @Content(mediaType = Problem.MEDIA_TYPE))
public class DeadLetterResource {

  @Inject TaskStore store;
  @Inject AuditDetails audit;

  @GET
  @Operation(
      operationId = "listDeadLetters",
      summary = "One page of a queue's dead letters, most recent first",
      description =
          "offset counts from the most recent (default 0); limit is 1 to "
              + DeadLetters.MAX_PAGE
              + " (default 100); total is how many the queue holds.")
  @APIResponse(
      responseCode = "200",
      description = "The page",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = "DeadLetterPageView")))
  @APIResponse(
      responseCode = "400",
      description = "Bad queue name, offset or limit; `field` names it",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "404",
      description = "Unknown queue",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public DeadLetterPageView list(
      @PathParam("queue") String queue,
      @QueryParam("offset") @DefaultValue("0") String offsetParameter,
      @QueryParam("limit") @DefaultValue("100") String limitParameter) {
    QueueNames.check(queue);
    int offset = offset(offsetParameter);
    int limit = LimitParameter.parse(limitParameter, DeadLetters.MAX_PAGE);
    long total = store.deadLetterCount(queue); // refuses an unknown queue
    List<DeadLetterPageView.DeadLetterView> tasks =
        store.deadLetters(queue, offset, limit).stream()
            .map(DeadLetterPageView.DeadLetterView::of)
            .toList();
    return new DeadLetterPageView(queue, total, offset, limit, tasks);
  }

  @POST
  @Path("replay")
  @AuditAction("deadletter.replay")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "replayDeadLetters",
      summary = "Put dead letters back in their queue with fresh attempts",
      description =
          "{\"ids\":[...]} replays the named tasks (1 to "
              + ReplayCommand.MAX_IDS
              + "); {\"oldest\":n} the n oldest (1 to "
              + ReplayCommand.MAX_OLDEST
              + "). The answer lists the ids replayed: a named task that is not a dead letter"
              + " of the queue is left out.")
  @RequestBody(
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = OpenApiSchemas.JSON_OBJECT)))
  @APIResponse(
      responseCode = "200",
      description = "The ids replayed",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ReplayedView")))
  @APIResponse(
      responseCode = "400",
      description = "Bad queue name or body; `field` names it",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "404",
      description = "Unknown queue",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(responseCode = "415", description = "Body not JSON")
  public ReplayedView replay(@PathParam("queue") String queue, String body) {
    QueueNames.check(queue);
    ReplayCommand command = ReplayCommand.parse(body);
    List<String> replayed =
        command.ids() != null
            ? store.replay(queue, command.ids())
            : store.replayOldest(queue, command.oldest());
    audit.after(Map.of("ids", replayed));
    return new ReplayedView(queue, replayed);
  }

  private static int offset(String value) {
    try {
      int offset = Integer.parseInt(value);
      if (offset >= 0) {
        return offset;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new BadParameterException("offset", "must be a whole number from 0");
  }
}
