package dev.taskyard.app.tasks;

import dev.taskyard.app.history.TaskPage;
import dev.taskyard.app.platform.LimitParameter;
import dev.taskyard.app.platform.OffsetParameter;
import dev.taskyard.core.control.QueueNames;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Tasks as the history knows them: a filtered, sorted list with keyset paging, read from
 * PostgreSQL; one task in full, merged from Redis (live state) and PostgreSQL (timeline); and a
 * queue's queued tasks in the order they will run, from Redis.
 */
@Path("queue")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "tasks")
public class TaskResource {
  private static final String PROBLEM = "application/problem+json";
  private static final int MAX_QUEUED_PAGE = 500;

  @Inject TaskFinder finder;
  @Inject TaskStore store;

  /**
   * One page of tasks. {@code state} may repeat or list several states separated by commas; {@code
   * from}/{@code to} bound the creation time (ISO-8601); {@code q} matches inside the error, the
   * start of the correlation id, and a task id exactly (all case-insensitive); {@code error} is an
   * error's shape (numbers, ids and quoted values as {@code *}, as {@code GET /api/queue/insights}
   * names them) and matches the tasks whose error has it; {@code cursor} is the {@code next} of the
   * previous page, with the same sort and order.
   */
  @GET
  @Path("tasks")
  @Operation(
      operationId = "listTasks",
      summary = "One page of tasks from the history, filtered and sorted",
      description =
          "state may repeat or list several states separated by commas; from/to bound the"
              + " creation time (ISO-8601); q matches inside the error, the start of the"
              + " correlation id, and a task id exactly; error is an error's shape (numbers, ids"
              + " and quoted values as *, as GET /api/queue/insights names them) and matches the"
              + " tasks whose error has it; cursor is the next of the previous page.")
  @APIResponse(
      responseCode = "200",
      description = "The page, and the cursor of the next one",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "TaskPageView")))
  @APIResponse(
      responseCode = "400",
      description = "Bad parameter; `field` names it",
      content = @Content(mediaType = PROBLEM))
  @APIResponse(
      responseCode = "503",
      description = "PostgreSQL unavailable (Retry-After)",
      content = @Content(mediaType = PROBLEM))
  public TaskPageView list(
      @QueryParam("queue") String queue,
      @QueryParam("state") List<String> states,
      @QueryParam("type") String type,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("q") String q,
      @QueryParam("error") String error,
      @QueryParam("sort") String sort,
      @QueryParam("order") String order,
      @QueryParam("limit") String limit,
      @QueryParam("cursor") String cursor) {
    TaskPage page =
        finder.page(
            new TaskQueryParameters(
                    queue, states, type, from, to, q, error, sort, order, limit, cursor)
                .toQuery());
    return new TaskPageView(page.tasks(), page.next().map(c -> c.encode()).orElse(null));
  }

  /** The queue's queued tasks in the order workers will claim them. */
  @GET
  @Path("queues/{queue}/queued")
  @Operation(
      operationId = "listQueuedTasks",
      summary = "A queue's queued tasks in the order workers will claim them, from offset")
  @APIResponse(
      responseCode = "200",
      description = "The tasks, the next to run first, and how many are queued in all",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = "QueuedTasksView")))
  @APIResponse(
      responseCode = "400",
      description = "Bad parameter; `field` names it",
      content = @Content(mediaType = PROBLEM))
  @APIResponse(
      responseCode = "404",
      description = "Unknown queue",
      content = @Content(mediaType = PROBLEM))
  @APIResponse(
      responseCode = "503",
      description = "Redis unavailable (Retry-After)",
      content = @Content(mediaType = PROBLEM))
  public QueuedTasksView queued(
      @PathParam("queue") String queue,
      @QueryParam("offset") @DefaultValue("0") String offset,
      @QueryParam("limit") @DefaultValue("50") String limit) {
    int from = OffsetParameter.parse(offset);
    return QueuedTasksView.of(
        store.queued(QueueNames.check(queue), from, LimitParameter.parse(limit, MAX_QUEUED_PAGE)),
        from);
  }

  /** The task in full; 400 for a malformed id, 404 for an unknown one. */
  @GET
  @Path("task/{id}")
  @Operation(
      operationId = "getTask",
      summary = "One task in full: live state from Redis, timeline from the history")
  @APIResponse(
      responseCode = "200",
      description = "The task",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = "TaskDetailView")))
  @APIResponse(
      responseCode = "404",
      description = "No such task, or a malformed id",
      content = @Content(mediaType = PROBLEM))
  @APIResponse(
      responseCode = "503",
      description = "Redis, or PostgreSQL for a task no longer in Redis, unavailable (Retry-After)",
      content = @Content(mediaType = PROBLEM))
  public TaskDetailView task(@PathParam("id") String id) {
    return finder.detail(id);
  }
}
