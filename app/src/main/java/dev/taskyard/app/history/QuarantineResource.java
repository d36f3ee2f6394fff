package dev.taskyard.app.history;

import dev.taskyard.app.platform.LimitParameter;
import dev.taskyard.app.platform.OpenApiSchemas;
import dev.taskyard.app.platform.Problem;
import dev.taskyard.core.control.QueueNames;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Stream entries the archiver could not write into the history and set aside. */
@Path("queue/archive/quarantine")
@RequestScoped
@Tag(name = "history")
@Produces(MediaType.APPLICATION_JSON)
public class QuarantineResource {
  static final int MAX_LIMIT = 1000;

  @Inject ArchiveQuarantine quarantine;

  @GET
  @Operation(
      operationId = "listQuarantinedEntries",
      summary = "Event stream entries set aside by the archiver, newest first, with their error")
  @APIResponse(
      responseCode = "200",
      description = "The entries, each with its raw fields",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = OpenApiSchemas.QUARANTINED_ENTRIES)))
  @APIResponse(
      responseCode = "400",
      description = "Bad parameter, naming it",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "503",
      description = "PostgreSQL unavailable (Retry-After)",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public List<QuarantinedEntry> quarantined(
      @QueryParam("queue") String queue,
      @QueryParam("limit") @DefaultValue("100") String limitParameter) {
    Optional<String> only = Optional.ofNullable(queue).map(QueueNames::check);
    return quarantine.list(only, LimitParameter.parse(limitParameter, MAX_LIMIT));
  }
}
