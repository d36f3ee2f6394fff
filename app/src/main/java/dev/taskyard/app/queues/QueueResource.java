package dev.taskyard.app.queues;

import dev.taskyard.app.metrics.CurrentRates;
import dev.taskyard.app.metrics.QueueRates;
import dev.taskyard.app.platform.Problem;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Queues: their live status, read from Redis in O(1) per queue. */
@Path("queue")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "queues")
public class QueueResource {

  @Inject QueueStore store;
  @Inject CurrentRates currentRates;

  /** The status of every registered queue, sorted by name. */
  @GET
  @Path("status")
  @Operation(summary = "Every queue's live counts, paused flag and oldest queued age")
  @APIResponse(responseCode = "200", description = "The queues, by name")
  @APIResponse(
      responseCode = "503",
      description = "Redis unavailable (Retry-After)",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public List<QueueStatusView> status() {
    Map<String, QueueRates> rates = currentRates.lastMinute();
    return store.statuses().stream()
        .map(status -> QueueStatusView.of(status, rates.get(status.queue())))
        .toList();
  }
}
