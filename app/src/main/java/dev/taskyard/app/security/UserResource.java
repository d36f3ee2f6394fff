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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Users, for administrators ({@code web.xml}). Configured users are listed but changed only by
 * configuration; the others live in PostgreSQL.
 */
@Path("users")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "users")
@APIResponse(
    responseCode = "503",
    description = "PostgreSQL unavailable (Retry-After)",
    content = @Content(mediaType = Problem.MEDIA_TYPE))
public class UserResource {
  private static final Set<String> CREATE_FIELDS = Set.of("name", "password", "role");
  private static final Set<String> CHANGE_FIELDS = Set.of("role", "enabled");
  private static final Set<String> PASSWORD_FIELDS = Set.of("password");

  @Inject UserAccounts accounts;
  @Inject AuditDetails audit;
  @Context HttpServletRequest request;
  @Context UriInfo uri;

  @GET
  @Operation(operationId = "listUsers", summary = "Every user: configured ones, then the others")
  @APIResponse(
      responseCode = "200",
      description = "The users",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = OpenApiSchemas.USERS)))
  public List<UserView> list() throws SQLException {
    return accounts.accounts().stream().map(UserView::of).toList();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @AuditAction("user.create")
  @Operation(
      operationId = "createUser",
      summary = "Add a user",
      description =
          "{\"name\" (letters, digits, . _ @ -),\"password\" (12 to 128 characters),\"role\""
              + " (viewer, operator or admin)}")
  @RequestBody(
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = OpenApiSchemas.JSON_OBJECT)))
  @APIResponse(
      responseCode = "201",
      description = "Added; Location names it",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "UserView")))
  @APIResponse(responseCode = "400", description = "Bad input; `field` names it")
  @APIResponse(responseCode = "409", description = "A user of that name exists")
  public Response create(String body) throws SQLException {
    ApiCaller.requirePassword(request);
    JsonInput in = JsonInput.parse(body).only(CREATE_FIELDS);
    audit.target(in.string("name"));
    char[] password = in.string("password").toCharArray();
    try {
      UserAccounts.Account created =
          accounts.create(in.string("name"), password, Role.parse("role", in.string("role")));
      audit.after(UserView.of(created));
      return Response.created(uri.getBaseUriBuilder().path("users/{name}").build(created.name()))
          .entity(UserView.of(created))
          .build();
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  @GET
  @Path("{name}")
  @Operation(operationId = "getUser", summary = "One user")
  @APIResponse(
      responseCode = "200",
      description = "The user",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "UserView")))
  @APIResponse(responseCode = "404", description = "No such user")
  public UserView get(@PathParam("name") String name) throws SQLException {
    return UserView.of(accounts.account(name));
  }

  @PUT
  @Path("{name}")
  @Consumes(MediaType.APPLICATION_JSON)
  @AuditAction("user.change")
  @Operation(
      operationId = "changeUser",
      summary = "Change a user's role, or disable or enable them",
      description =
          "{\"role\",\"enabled\"}, each optional. A disabled user's sessions end at their next"
              + " request and their tokens stop working.")
  @RequestBody(
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = OpenApiSchemas.JSON_OBJECT)))
  @APIResponse(
      responseCode = "200",
      description = "The user as changed",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "UserView")))
  @APIResponse(responseCode = "400", description = "Bad input; `field` names it")
  @APIResponse(responseCode = "404", description = "No such user")
  @APIResponse(responseCode = "409", description = "A configured user")
  public UserView change(@PathParam("name") String name, String body) throws SQLException {
    ApiCaller.requirePassword(request);
    JsonInput in = JsonInput.parse(body).only(CHANGE_FIELDS);
    UserAccounts.Account before =
        accounts.change(
            name,
            in.optionalString("role").map(role -> Role.parse("role", role)),
            in.optionalBoolean("enabled"));
    UserView after = UserView.of(accounts.account(name));
    audit.before(UserView.of(before));
    audit.after(after);
    return after;
  }

  @PUT
  @Path("{name}/password")
  @Consumes(MediaType.APPLICATION_JSON)
  @AuditAction("user.password")
  @Operation(operationId = "resetPassword", summary = "Give a user a new password: {\"password\"}")
  @RequestBody(
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = OpenApiSchemas.JSON_OBJECT)))
  @APIResponse(responseCode = "204", description = "Changed")
  @APIResponse(responseCode = "400", description = "Bad input; `field` names it")
  @APIResponse(responseCode = "404", description = "No such user")
  @APIResponse(responseCode = "409", description = "A configured user")
  public void resetPassword(@PathParam("name") String name, String body) throws SQLException {
    ApiCaller.requirePassword(request);
    char[] password = JsonInput.parse(body).only(PASSWORD_FIELDS).string("password").toCharArray();
    try {
      accounts.resetPassword(name, password);
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  @DELETE
  @Path("{name}")
  @AuditAction("user.delete")
  @Operation(operationId = "deleteUser", summary = "Delete a user and their API tokens")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(responseCode = "404", description = "No such user")
  @APIResponse(responseCode = "409", description = "A configured user")
  public void delete(@PathParam("name") String name) throws SQLException {
    ApiCaller.requirePassword(request);
    audit.before(UserView.of(accounts.delete(name)));
  }
}
