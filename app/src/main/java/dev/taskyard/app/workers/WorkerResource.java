package dev.taskyard.app.workers;

import dev.taskyard.core.Taskyard;
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

/** The cluster's worker nodes, and the threads each runs per queue. */
@Path("queue/workers")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class WorkerResource {

  @Inject Taskyard taskyard;
  @Inject LocalWorkers localWorkers;

  /** Every live worker node (from the heartbeats in Redis), sorted by id. */
  @GET
  public List<WorkerNodeView> nodes() {
    String local = localWorkers.pool().map(WorkerPool::workerId).orElse(null);
    return taskyard.workers().nodes().stream()
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
  @Consumes(MediaType.WILDCARD)
  public Response scale(@PathParam("queue") String queue, String body) {
    QueueNames.check(queue);
    taskyard.queues().settings(queue); // refuses an unknown queue
    ScaleThreadsCommand command = ScaleThreadsCommand.parse(body);
    taskyard.queues().setWorkerThreads(queue, command.threads());
    WorkerScaling scaling = taskyard.queues().workerScaling(List.of(queue)).get(queue);
    return Response.ok(
            Map.of(
                "queue", queue, "threads", scaling.threads(), "autoscaling", scaling.autoscaling()),
            MediaType.APPLICATION_JSON_TYPE)
        .build();
  }
}
