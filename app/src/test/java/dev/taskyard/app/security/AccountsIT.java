package dev.taskyard.app.security;

import static dev.taskyard.app.ApiClient.json;
import static dev.taskyard.app.Problems.assertBadField;
import static dev.taskyard.app.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskyard.app.ApiClient;
import dev.taskyard.app.TestStack;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Users administrators manage in PostgreSQL, and personal API tokens, through the API. */
@ExtendWith(ArquillianExtension.class)
class AccountsIT {
  private static final String PASSWORD = "correct horse battery";
  private static final String STATUS = "api/queue/status";
  private static final String PAUSE = "api/queue/queues/accounts-it/pause";

  @ArquillianResource URL base;

  @Deployment(testable = false)
  static WebArchive app() {
    return TestStack.war();
  }

  private static String newName() {
    return "u-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private HttpResponse<String> create(String name, String role) {
    return ApiClient.asAdmin(base)
        .post(
            "api/users",
            "{\"name\":\""
                + name
                + "\",\"password\":\""
                + PASSWORD
                + "\",\"role\":\""
                + role
                + "\"}");
  }

  @Test
  void anAdministratorAddsAUserWhoSignsInWithTheirRoleAndNeverSeesAHash() {
    String name = newName();

    HttpResponse<String> created = create(name, "operator");

    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/api/users/" + name));
    JsonObject user = json(created).asJsonObject();
    assertThat(user.getString("role")).isEqualTo("operator");
    assertThat(user.getBoolean("enabled")).isTrue();
    assertThat(user.getBoolean("configured")).isFalse();
    assertThat(created.body()).doesNotContain("pbkdf2").doesNotContain(PASSWORD);

    ApiClient asUser = ApiClient.as(base, name, PASSWORD);
    assertThat(asUser.get(STATUS).statusCode()).isEqualTo(200);
    assertThat(asUser.post(PAUSE, null).statusCode()).isIn(200, 204, 404);
    assertProblem(asUser.get("api/users"), 403);
    assertProblem(ApiClient.as(base, name, PASSWORD + "x").get(STATUS), 401);

    List<String> names =
        json(ApiClient.asAdmin(base).get("api/users")).asJsonArray().stream()
            .map(v -> v.asJsonObject().getString("name"))
            .toList();
    assertThat(names).contains("admin", "it-operator", "it-viewer", name);
    assertThat(ApiClient.asAdmin(base).get("api/users").body()).doesNotContain("pbkdf2");
  }

  @Test
  void aNewRoleADisabledUserAndANewPasswordApplyAtTheNextRequest() {
    String name = newName();
    create(name, "viewer");
    ApiClient asUser = ApiClient.as(base, name, PASSWORD);
    assertProblem(asUser.post(PAUSE, null), 403);

    HttpResponse<String> promoted =
        ApiClient.asAdmin(base).put("api/users/" + name, "{\"role\":\"operator\"}");
    assertThat(promoted.statusCode()).isEqualTo(200);
    assertThat(json(promoted).asJsonObject().getString("role")).isEqualTo("operator");
    assertThat(asUser.post(PAUSE, null).statusCode()).isNotIn(401, 403);

    ApiClient.asAdmin(base).put("api/users/" + name, "{\"enabled\":false}");
    assertProblem(asUser.get(STATUS), 401);
    ApiClient.asAdmin(base).put("api/users/" + name, "{\"enabled\":true}");
    assertThat(asUser.get(STATUS).statusCode()).isEqualTo(200);

    String other = "another long password";
    assertThat(
            ApiClient.asAdmin(base)
                .put("api/users/" + name + "/password", "{\"password\":\"" + other + "\"}")
                .statusCode())
        .isEqualTo(204);
    assertProblem(asUser.get(STATUS), 401);
    assertThat(ApiClient.as(base, name, other).get(STATUS).statusCode()).isEqualTo(200);

    assertThat(ApiClient.asAdmin(base).delete("api/users/" + name).statusCode()).isEqualTo(204);
    assertProblem(ApiClient.as(base, name, other).get(STATUS), 401);
    assertProblem(ApiClient.asAdmin(base).get("api/users/" + name), 404);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a name with spaces|{\"name\":\"a b\",\"password\":\"long enough pass\",\"role\":\"viewer\"}|name",
        "a short password|{\"name\":\"shorty\",\"password\":\"short\",\"role\":\"viewer\"}|password",
        "an unknown role|{\"name\":\"rooty\",\"password\":\"long enough pass\",\"role\":\"root\"}|role",
        "no password|{\"name\":\"nopass\",\"role\":\"viewer\"}|password",
        "an unknown field|{\"name\":\"x\",\"password\":\"long enough pass\",\"role\":\"viewer\",\"groups\":[]}|groups"
      })
  void aBadUserIsRefusedNamingTheFieldAndNothingIsWritten(String what, String body, String field) {
    assertBadField(ApiClient.asAdmin(base).post("api/users", body), field);
    assertThat(ApiClient.asAdmin(base).get("api/users").body())
        .doesNotContain("shorty", "rooty", "nopass");
  }

  @Test
  void configuredUsersCannotBeTakenOrChangedThroughTheApi() {
    assertThat(assertProblem(create("it-viewer", "admin"), 409).getString("field"))
        .isEqualTo("name");
    assertProblem(ApiClient.asAdmin(base).put("api/users/admin", "{\"enabled\":false}"), 409);
    assertProblem(ApiClient.asAdmin(base).delete("api/users/it-operator"), 409);
    assertThat(ApiClient.asAdmin(base).get(STATUS).statusCode()).isEqualTo(200);
  }

  @Test
  void onlyAdministratorsManageUsers() {
    assertProblem(
        ApiClient.as(base, "it-operator", "it-operator-secret").post("api/users", "{}"), 403);
    assertProblem(ApiClient.as(base, "it-viewer", "it-viewer-secret").get("api/users"), 403);
  }

  @Test
  void aTokenActsAsItsOwnerWithAtMostItsRoleUntilRevoked() {
    String name = newName();
    create(name, "operator");
    ApiClient owner = ApiClient.as(base, name, PASSWORD);

    HttpResponse<String> made = owner.post("api/tokens", "{\"name\":\"ci\",\"role\":\"viewer\"}");

    assertThat(made.statusCode()).isEqualTo(201);
    JsonObject token = json(made).asJsonObject();
    String secret = token.getString("secret");
    assertThat(secret).startsWith("ty_").hasSizeGreaterThan(40);
    assertThat(secret).startsWith(token.getString("hint"));
    ApiClient script = ApiClient.withAuthorization(base, "Bearer " + secret);
    assertThat(script.get(STATUS).statusCode()).isEqualTo(200);
    assertProblem(script.post(PAUSE, null), 403);
    assertProblem(script.post("api/tokens", "{\"name\":\"child\"}"), 403);

    JsonObject listed = json(owner.get("api/tokens")).asJsonArray().getJsonObject(0);
    assertThat(listed.getString("name")).isEqualTo("ci");
    assertThat(listed.get("secret")).isIn(null, JsonValue.NULL);
    assertThat(owner.get("api/tokens").body()).doesNotContain(secret);
    assertThat(listed.getString("lastUsedAt", null)).isNotNull();

    assertBadField(owner.post("api/tokens", "{\"name\":\"big\",\"role\":\"admin\"}"), "role");
    assertProblem(owner.post("api/tokens", "{\"name\":\"ci\"}"), 409);

    assertThat(owner.delete("api/tokens/" + token.getInt("id")).statusCode()).isEqualTo(204);
    assertProblem(script.get(STATUS), 401);
  }

  @Test
  void aTokenStopsWorkingWhenItExpiresOrItsOwnerIsDisabled() throws Exception {
    String name = newName();
    create(name, "operator");
    ApiClient owner = ApiClient.as(base, name, PASSWORD);
    JsonObject token =
        json(owner.post("api/tokens", "{\"name\":\"short-lived\",\"expiresInDays\":1}"))
            .asJsonObject();
    ApiClient script = ApiClient.withAuthorization(base, "Bearer " + token.getString("secret"));
    assertThat(script.post(PAUSE, null).statusCode()).isNotIn(401, 403);

    ApiClient.asAdmin(base).put("api/users/" + name, "{\"enabled\":false}");
    assertProblem(script.get(STATUS), 401);
    ApiClient.asAdmin(base).put("api/users/" + name, "{\"enabled\":true}");
    assertThat(script.get(STATUS).statusCode()).isEqualTo(200);

    try (Connection db = DriverManager.getConnection(TestStack.POSTGRES.jdbcUrl(), "postgres", "");
        PreparedStatement expire =
            db.prepareStatement(
                "update api_token set expires_at = now() - interval '1 second' where id = ?")) {
      expire.setLong(1, token.getInt("id"));
      assertThat(expire.executeUpdate()).isEqualTo(1);
    }
    assertProblem(script.get(STATUS), 401);
  }

  @Test
  void deletingAUserDeletesTheirTokens() throws Exception {
    String name = newName();
    create(name, "viewer");
    ApiClient.as(base, name, PASSWORD).post("api/tokens", "{\"name\":\"a\"}");

    ApiClient.asAdmin(base).delete("api/users/" + name);

    try (Connection db = DriverManager.getConnection(TestStack.POSTGRES.jdbcUrl(), "postgres", "");
        PreparedStatement count =
            db.prepareStatement("select count(*) from api_token where owner = ?")) {
      count.setString(1, name);
      try (ResultSet row = count.executeQuery()) {
        row.next();
        assertThat(row.getInt(1)).isZero();
      }
    }
  }

  @Test
  void aMalformedOrUnknownTokenIsAFailedLoginNotAnError() {
    for (String header :
        List.of(
            "Bearer ", "Bearer ty_unknown", "Bearer not-a-token", "bearer ty_" + "x".repeat(500))) {
      assertProblem(ApiClient.withAuthorization(base, header).get(STATUS), 401);
    }
  }
}
