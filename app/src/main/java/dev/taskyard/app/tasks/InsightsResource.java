package dev.taskyard.app.tasks;

import dev.taskyard.app.history.TaskInsights;
import dev.taskyard.app.history.TaskQuery;
import dev.taskyard.app.platform.BadParameterException;
import dev.taskyard.app.platform.LimitParameter;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What the tasks created in a range did, for scripts: {@code GET
 * /api/queue/insights?from=2026-11-24T20:00:00Z&to=2026-11-24T21:00:00Z&queue=q&limit=10}, the
 * dashboard's breakdown by task type and its top errors. {@code from} is required, {@code to}
 * defaults to now, {@code queue} narrows to one queue, {@code limit} (1 to 100, default 10) bounds
 * the errors.
 */
@Path("queue/insights")
@RequestScoped
@Tag(name = "tasks")
@Produces(MediaType.APPLICATION_JSON)
public class InsightsResource {
  static final int DEFAULT_ERRORS = 10;
  static final int MAX_ERRORS = 100;
  private static final String PROBLEM = "application/problem+json";

  @Inject TaskFinder finder;

  @GET
  @Operation(
      operationId = "getTaskInsights",
      summary = "Tasks created in a range by type, and the errors they failed with most often",
      description =
          "from (required) and to (default now) are ISO-8601 instants bounding the creation time;"
              + " queue narrows to one queue; limit (1-100, default 10) bounds the errors. An"
              + " error's pattern is the error filter of GET /api/queue/tasks.")
  @APIResponse(
      responseCode = "200",
      description = "Task types, most tasks first, and error shapes, most frequent first",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "TaskInsights")))
  @APIResponse(
      responseCode = "400",
      description = "Missing or bad parameter; `field` names it",
      content = @Content(mediaType = PROBLEM))
  @APIResponse(
      responseCode = "503",
      description = "PostgreSQL unavailable (Retry-After)",
      content = @Content(mediaType = PROBLEM))
  public TaskInsights insights(
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("queue") String queue,
      @QueryParam("limit") String limit) {
    if (from == null || from.isEmpty()) {
      throw new BadParameterException("from", "is required");
    }
    String end = to == null || to.isEmpty() ? Instant.now().toString() : to;
    // The task list's checks of queue, from and to.
    TaskQuery range = TaskQueryParameters.range(queue, from, end).toQuery();
    int errors =
        limit == null || limit.isEmpty() ? DEFAULT_ERRORS : LimitParameter.parse(limit, MAX_ERRORS);
    return finder.insights(
        range.from().orElseThrow(), range.to().orElseThrow(), range.queue(), errors);
  }
}
