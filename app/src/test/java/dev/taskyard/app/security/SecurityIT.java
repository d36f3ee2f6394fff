package dev.taskyard.app.security;

import static dev.taskyard.app.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskyard.app.ApiClient;
import dev.taskyard.app.TestStack;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Who may do what on the built WAR: the administrator and the viewer come from {@code
 * arquillian.xml}'s {@code taskyard.admin.*} and {@code taskyard.viewer.*}.
 */
@ExtendWith(ArquillianExtension.class)
class SecurityIT {
  private static final String VIEWER = "it-viewer";
  private static final String VIEWER_PASSWORD = "it-viewer-secret";
  private static final String STATUS = "api/queue/status";
  // Any mutation: the constraint answers before the request reaches a resource.
  private static final String SUBMIT = "api/queue/tasks";

  @ArquillianResource URL base;

  @Deployment(testable = false)
  static WebArchive app() {
    return TestStack.war();
  }

  @Test
  void withoutCredentialsTheApiAnswers401WithABasicChallengeAndAProblem() {
    HttpResponse<String> response = ApiClient.anonymous(base).get(STATUS);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Basic"));
    assertProblem(response, 401);
  }

  @Test
  void aWrongPasswordIsRefusedWith401() {
    HttpResponse<String> response =
        ApiClient.as(base, ApiClient.ADMIN_USER, "not-the-password").get(STATUS);

    assertThat(response.statusCode()).isEqualTo(401);
    assertProblem(response, 401);
  }

  @Test
  void anUnknownUserIsRefusedWith401() {
    assertThat(ApiClient.as(base, "mallory", ApiClient.ADMIN_PASSWORD).get(STATUS).statusCode())
        .isEqualTo(401);
  }

  @Test
  void aMutationWithoutCredentialsIsRefusedWith401() {
    assertThat(ApiClient.anonymous(base).post(SUBMIT, "{}").statusCode()).isEqualTo(401);
  }

  @Test
  void theViewerReadsButMayNotChangeAnything() {
    ApiClient viewer = ApiClient.as(base, VIEWER, VIEWER_PASSWORD);

    assertThat(viewer.get(STATUS).statusCode()).isEqualTo(200);
    HttpResponse<String> post = viewer.post(SUBMIT, "{}");
    assertThat(post.statusCode()).isEqualTo(403);
    assertProblem(post, 403);
    assertThat(viewer.delete("api/queue/task/x").statusCode()).isEqualTo(403);
  }

  @Test
  void theOperatorReadsAndChanges() {
    ApiClient operator = ApiClient.as(base, "it-operator", "it-operator-secret");

    assertThat(operator.get(STATUS).statusCode()).isEqualTo(200);
    assertThat(operator.post(SUBMIT, "{}").statusCode()).isNotIn(401, 403);
  }

  @Test
  void theAdministratorReadsAndChanges() {
    ApiClient admin = ApiClient.asAdmin(base);

    assertThat(admin.get(STATUS).statusCode()).isEqualTo(200);
    assertThat(admin.post(SUBMIT, "{}").statusCode()).isNotIn(401, 403);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {STATUS, "api/queue/no-such-path", "health/backlog", "health/history"})
  void everyAnswerForbidsSniffingAndCarriesAStrictContentSecurityPolicy(String path) {
    for (HttpResponse<String> response :
        List.of(ApiClient.asAdmin(base).get(path), ApiClient.anonymous(base).get(path))) {
      assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
      assertThat(response.headers().firstValue("Content-Security-Policy"))
          .hasValueSatisfying(
              policy ->
                  assertThat(policy)
                      .contains("default-src 'self'")
                      .contains("script-src 'self';")
                      .contains("object-src 'none'")
                      .contains("frame-ancestors 'none'"));
    }
  }

  @Test
  void healthAndOpenApiAreOpenWithoutCredentials() {
    ApiClient anonymous = ApiClient.anonymous(base);

    assertThat(anonymous.get("/health/ready").statusCode()).isEqualTo(200);
    assertThat(anonymous.get("/health/live").statusCode()).isEqualTo(200);
    assertThat(anonymous.get("/health").statusCode()).isEqualTo(200);
    HttpResponse<String> openApi = anonymous.get("/openapi");
    assertThat(openApi.statusCode()).isEqualTo(200);
    assertThat(openApi.body()).contains("/api/queue/status");
  }
}
