package dev.taskyard.app.metrics;

import dev.taskyard.app.platform.BadParameterException;
import dev.taskyard.app.platform.Problem;
import dev.taskyard.app.platform.ProblemException;
import dev.taskyard.core.Taskyard;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Historical series per queue from the PostgreSQL time series: {@code GET
 * /api/queue/metrics?queue=q&from=2026-11-24T20:00:00Z&to=2026-11-24T21:00:00Z&step=1m}. {@code
 * queue} may be repeated; {@code from} and {@code to} are ISO-8601 instants ({@code to} defaults to
 * now); {@code step} is {@code 30s}, {@code 1m}, {@code 1h}, {@code 1d} or an ISO-8601 duration
 * (without one, the finest resolution that fits the range is chosen and named in the answer).
 */
@Path("queue/metrics")
@RequestScoped
@Tag(name = "metrics")
@Produces(MediaType.APPLICATION_JSON)
public class MetricsResource {
  @Inject Taskyard taskyard;
  @Inject MetricsStore store;
  @Inject MetricsSettings settings;

  @GET
  @Operation(
      operationId = "getMetricSeries",
      summary = "Time series per queue: throughput, errors, durations, wait, depth, workers")
  @APIResponse(responseCode = "200", description = "One series per queue")
  @APIResponse(
      responseCode = "400",
      description = "Missing or bad parameter, naming it",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "404",
      description = "Unknown queue",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "503",
      description = "PostgreSQL unavailable (Retry-After)",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Response series(
      @QueryParam("queue") List<String> queues,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("step") String step)
      throws SQLException {
    if (queues.isEmpty() || queues.stream().anyMatch(q -> q == null || q.isBlank())) {
      throw new BadParameterException("queue", "is required");
    }
    MetricsQuery query =
        MetricsQuery.parse(
            from, to, step, Instant.now(), settings.maxPoints(), settings.retention());
    Set<String> known = new HashSet<>(taskyard.queues().queues());
    for (String queue : queues) {
      if (!known.contains(queue)) {
        throw new ProblemException(
            Problem.of(Response.Status.NOT_FOUND).field("queue").detail("no queue named " + queue));
      }
    }
    List<MetricsView.Series> series = new ArrayList<>();
    for (String queue : queues) {
      List<MetricsView.Point> points = new ArrayList<>();
      for (MetricRow row :
          query.points(queue, store.read(queue, query.resolution(), query.from(), query.to()))) {
        points.add(MetricsView.point(row, query.step()));
      }
      series.add(new MetricsView.Series(queue, points));
    }
    return Response.ok(
            new MetricsView(
                query.from(),
                query.to(),
                query.step().toString(),
                query.resolution().column,
                series))
        .build();
  }
}
