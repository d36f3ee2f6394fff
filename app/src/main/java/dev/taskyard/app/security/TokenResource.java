package dev.taskyard.app.security;

import dev.taskyard.app.audit.AuditAction;
import dev.taskyard.app.audit.AuditDetails;
import dev.taskyard.app.platform.JsonInput;
import dev.taskyard.app.platform.OpenApiSchemas;
import dev.taskyard.app.platform.Problem;
import dev.taskyard.app.platform.Role;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's own personal API tokens; any role may have them ({@code web.xml}). */
@Path("tokens")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "users")
@APIResponse(
    responseCode = "503",
    description = "PostgreSQL unavailable (Retry-After)",
    content = @Content(mediaType = Problem.MEDIA_TYPE))
public class TokenResource {
  private static final Set<String> FIELDS = Set.of("name", "role", "expiresInDays");

  @Inject PersonalTokens tokens;
  @Inject AuditDetails audit;
  @Context SecurityContext security;
  @Context HttpServletRequest request;
  @Context UriInfo uri;

  @GET
  @Operation(operationId = "listTokens", summary = "Your API tokens, newest first, without secrets")
  @APIResponse(
      responseCode = "200",
      description = "The tokens",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = OpenApiSchemas.TOKENS)))
  public List<TokenView> list() throws SQLException {
    return tokens.of(ApiCaller.of(security).name()).stream().map(TokenView::of).toList();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @AuditAction("token.create")
  @Operation(
      operationId = "createToken",
      summary = "Make an API token; its secret is in this answer only",
      description =
          "{\"name\",\"role\" (viewer, operator or admin; at most yours, yours by default),"
              + "\"expiresInDays\" (1 to 3650; never by default)}. Send the secret as"
              + " `Authorization: Bearer <secret>`. Needs a password, not a token.")
  @RequestBody(
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = OpenApiSchemas.JSON_OBJECT)))
  @APIResponse(
      responseCode = "201",
      description = "Made; `secret` is shown this once",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "TokenView")))
  @APIResponse(responseCode = "400", description = "Bad input; `field` names it")
  @APIResponse(responseCode = "403", description = "Called with a token")
  @APIResponse(responseCode = "409", description = "You have a token of that name")
  public Response create(String body) throws SQLException {
    ApiCaller.requirePassword(request);
    JsonInput in = JsonInput.parse(body).only(FIELDS);
    audit.target(ApiCaller.of(security).name() + "/" + in.string("name"));
    ApiTokens.Issued issued =
        tokens.issue(
            ApiCaller.of(security),
            in.string("name"),
            in.optionalString("role").map(role -> Role.parse("role", role)),
            in.optionalInt("expiresInDays"));
    // Never the secret: the log is read by others.
    audit.after(TokenView.of(issued.token()));
    return Response.created(uri.getBaseUriBuilder().path("tokens/{id}").build(issued.token().id()))
        .entity(TokenView.of(issued.token(), issued.secret()))
        .build();
  }

  @DELETE
  @Path("{id}")
  @AuditAction("token.revoke")
  @Operation(operationId = "revokeToken", summary = "Revoke one of your tokens at once")
  @APIResponse(responseCode = "204", description = "Revoked")
  @APIResponse(responseCode = "403", description = "Called with a token")
  @APIResponse(responseCode = "404", description = "You have no such token")
  public void revoke(@PathParam("id") long id) throws SQLException {
    ApiCaller.requirePassword(request);
    audit.target(ApiCaller.of(security).name() + "/" + id);
    tokens.revoke(ApiCaller.of(security).name(), id);
  }
}
