package dev.taskyard.app.queues;

import dev.taskyard.app.history.ArchiveLag;
import dev.taskyard.app.history.ArchiveStreams;
import dev.taskyard.app.metrics.CurrentRates;
import dev.taskyard.app.metrics.QueueRates;
import dev.taskyard.app.platform.OpenApiSchemas;
import dev.taskyard.app.platform.Problem;
import dev.taskyard.app.tasks.KeyedCircuitBreaker;
import dev.taskyard.app.tasks.SubmitBreakers;
import dev.taskyard.core.stats.QueueStatus;
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
import org.eclipse.microprofile.openapi.annotations.media.Schema;
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
  @Inject SubmitBreakers submitBreakers;
  @Inject ArchiveStreams archive;

  /** The status of every registered queue, sorted by name. */
  @GET
  @Path("status")
  @Operation(
      operationId = "listQueueStatuses",
      summary =
          "Every queue's live counts, paused flag, oldest queued age, workers, rates and submit"
              + " circuit")
  @APIResponse(
      responseCode = "200",
      description = "The queues, by name",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = OpenApiSchemas.QUEUE_STATUSES)))
  @APIResponse(
      responseCode = "503",
      description = "Redis unavailable (Retry-After)",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public List<QueueStatusView> status() {
    List<QueueStatus> statuses = store.statuses();
    Map<String, QueueWorkers> workers = QueueWorkers.byQueue(store.workerNodes());
    Map<String, QueueRates> rates = currentRates.lastMinute();
    Map<String, ArchiveLag> lags = archive.lag(statuses.stream().map(QueueStatus::queue).toList());
    KeyedCircuitBreaker breakers = submitBreakers.breaker();
    return statuses.stream()
        .map(
            status ->
                QueueStatusView.of(
                    status,
                    workers.getOrDefault(status.queue(), QueueWorkers.NONE),
                    rates.get(status.queue()),
                    breakers.snapshot(status.queue()).state(),
                    lags.get(status.queue())))
        .toList();
  }
}
