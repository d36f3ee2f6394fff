package dev.taskyard.app.workers;

import dev.taskyard.app.audit.AuditAction;
import dev.taskyard.app.audit.AuditDetails;
import dev.taskyard.app.platform.OpenApiSchemas;
import dev.taskyard.app.platform.Problem;
import dev.taskyard.app.queues.QueueStore;
import dev.taskyard.core.control.QueueNames;
import dev.taskyard.core.control.WorkerScaling;
import dev.taskyard.core.worker.WorkerPool;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The cluster's worker nodes, and the threads each runs per queue. */
@Path("queue/workers")
@RequestScoped
@Tag(name = "workers")
@Produces(MediaType.APPLICATION_JSON)
public class WorkerResource {

  @Inject QueueStore store;
  @Inject LocalWorkers localWorkers;
  @Inject AuditDetails audit;

  /**
   * Every live worker node (from the heartbeats in Redis) and every lost one not yet forgotten,
   * sorted by id.
   */
  @GET
  @Operation(
      operationId = "listWorkerNodes",
      summary = "The worker nodes, live and lost: queues, threads, busy threads, load")
  @APIResponse(
      responseCode = "200",
      description = "The nodes, by id",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = OpenApiSchemas.WORKER_NODES)))
  @APIResponse(
      responseCode = "503",
      description = "Redis unavailable (Retry-After)",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public List<WorkerNodeView> nodes() {
    String local = localWorkers.pool().map(WorkerPool::workerId).orElse(null);
    return store.knownWorkerNodes().stream()
        .map(node -> WorkerNodeView.of(node, node.nodeId().equals(local)))
        .toList();
  }

  /**
   * Sets the threads every node runs for {@code queue}, cluster-wide: stored in the queue's
   * settings, applied by running pools within a second. 0 returns each node to its configured
   * count.
   */
  @PUT
  @Path("{queue}/threads")
  @AuditAction("workers.scale")
  @Consumes(MediaType.WILDCARD)
  @Operation(
      operationId = "scaleWorkerThreads",
      summary = "Set the threads every node runs for a queue (0: each node's own count)")
  @APIResponse(responseCode = "200", description = "The scaling now in force")
  @APIResponse(
      responseCode = "400",
      description = "Bad body, naming the field",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "404",
      description = "Unknown queue",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @RequestBody(
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = OpenApiSchemas.JSON_OBJECT)))
  public Response scale(@PathParam("queue") String queue, String body) {
    QueueNames.check(queue);
    int before = store.settings(queue).workers().threads(); // refuses an unknown queue
    audit.before(Map.of("threads", before));
    ScaleThreadsCommand command = ScaleThreadsCommand.parse(body);
    WorkerScaling scaling = store.setWorkerThreads(queue, command.threads());
    audit.after(Map.of("threads", scaling.threads()));
    return Response.ok(
            Map.of(
                "queue", queue, "threads", scaling.threads(), "autoscaling", scaling.autoscaling()),
            MediaType.APPLICATION_JSON_TYPE)
        .build();
  }
}
