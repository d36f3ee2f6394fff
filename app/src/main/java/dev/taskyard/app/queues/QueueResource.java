package dev.taskyard.app.queues;

import dev.taskyard.app.metrics.CurrentRates;
import dev.taskyard.app.metrics.QueueRates;
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
  @Inject CurrentRates currentRates;

  /** The status of every registered queue, sorted by name. */
  @GET
  @Path("status")
  public List<QueueStatusView> status() {
    Map<String, QueueRates> rates = currentRates.lastMinute();
    return taskyard.queues().queues().stream()
        .map(queue -> QueueStatusView.of(taskyard.stats().status(queue), rates.get(queue)))
        .toList();
  }
}
