package dev.taskyard.app.queues;

import dev.taskyard.app.history.ArchiveLag;
import dev.taskyard.app.history.ArchiveStreams;
import dev.taskyard.core.Taskyard;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/** Queues: their live status, read from Redis in O(1) per queue. */
@Path("queue")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class QueueResource {

  @Inject Taskyard taskyard;
  @Inject ArchiveStreams archive;

  /** The status of every registered queue, sorted by name. */
  @GET
  @Path("status")
  public List<QueueStatusView> status() {
    List<String> queues = taskyard.queues().queues();
    Map<String, ArchiveLag> lags = archive.lag(queues);
    return queues.stream()
        .map(queue -> QueueStatusView.of(taskyard.stats().status(queue), lags.get(queue)))
        .toList();
  }
}
