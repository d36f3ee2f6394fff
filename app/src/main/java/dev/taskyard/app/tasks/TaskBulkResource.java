package dev.taskyard.app.tasks;

import dev.taskyard.app.audit.AuditAction;
import dev.taskyard.app.audit.AuditDetails;
import dev.taskyard.app.platform.BadParameterException;
import dev.taskyard.app.platform.Problem;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Retry, cancel or delete every task the filters of {@code GET /api/queue/tasks} match: {@code POST
 * /api/queue/tasks/bulk/retry?queue=emails&state=FAILED}, at most {@link TaskBulk#MAX} tasks a
 * call; {@code more} in the answer says to call again.
 */
@Path("queue/tasks/bulk")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "tasks")
public class TaskBulkResource {

  @Inject TaskBulk bulk;
  @Inject AuditDetails audit;

  /** What a bulk call did: the ids acted on, those skipped, and whether more match. */
  public record BulkOutcomeView(
      String action, int done, int skipped, boolean more, List<String> ids) {}

  @POST
  @Path("{action}")
  @AuditAction("tasks.bulk")
  @Operation(
      operationId = "actOnMatchingTasks",
      summary =
          "Retry, cancel or delete every task the filters match (those of listTasks), at most"
              + " 1000 a call",
      description =
          "action is retry (ended tasks), cancel (tasks that have not ended) or delete (ended"
              + " tasks). At least one filter is required. Matching tasks whose live state does not"
              + " allow the action are skipped and counted; more=true means more than 1000 matched:"
              + " call again for the rest.")
  @APIResponse(
      responseCode = "200",
      description = "What was done",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = "BulkOutcomeView")))
  @APIResponse(
      responseCode = "400",
      description = "Bad action or filter, or no filter; `field` names it",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "503",
      description = "Redis or PostgreSQL unavailable (Retry-After)",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public BulkOutcomeView act(
      @PathParam("action") String action,
      @QueryParam("queue") String queue,
      @QueryParam("state") List<String> states,
      @QueryParam("type") String type,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("q") String q,
      @QueryParam("error") String error) {
    TaskBulk.Action what = action(action);
    BiFunction<String, Integer, TaskQueryParameters> pages =
        (cursor, limit) ->
            new TaskQueryParameters(
                queue,
                states,
                type,
                from,
                to,
                q,
                error,
                null,
                null,
                Integer.toString(limit),
                cursor);
    audit.target(TaskBulk.target(what, pages));
    TaskBulk.Outcome outcome = bulk.run(what, pages);
    audit.after(Map.of("ids", outcome.done(), "skipped", outcome.skipped()));
    return new BulkOutcomeView(
        what.name().toLowerCase(Locale.ROOT),
        outcome.done().size(),
        outcome.skipped(),
        outcome.more(),
        outcome.done());
  }

  private static TaskBulk.Action action(String value) {
    return Arrays.stream(TaskBulk.Action.values())
        .filter(a -> a.name().equalsIgnoreCase(value))
        .findFirst()
        .orElseThrow(() -> new BadParameterException("action", "must be retry, cancel or delete"));
  }
}
