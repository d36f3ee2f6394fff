package dev.taskyard.app;

import static dev.taskyard.app.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;

/** Assertions on {@code application/problem+json} answers. */
public final class Problems {
  private Problems() {}

  /** Asserts a problem answer with {@code status}, and returns its body. */
  public static JsonObject assertProblem(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    JsonObject problem = json(response).asJsonObject();
    assertThat(problem.getInt("status")).isEqualTo(status);
    assertThat(problem.getString("title")).isNotBlank();
    assertThat(problem.toString()).doesNotContain("Exception").doesNotContain("\tat ");
    return problem;
  }

  /** Asserts a 400 problem naming {@code field}, in {@code field} and in {@code errors[]}. */
  public static JsonObject assertBadField(HttpResponse<String> response, String field) {
    JsonObject problem = assertProblem(response, 400);
    assertThat(problem.getString("field")).isEqualTo(field);
    assertThat(problem.getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo(field);
    return problem;
  }

  /** Asserts a {@code Retry-After} of at least one whole second. */
  public static long assertRetryAfter(HttpResponse<String> response) {
    String value = response.headers().firstValue("Retry-After").orElseThrow();
    assertThat(Long.parseLong(value)).isPositive();
    return Long.parseLong(value);
  }
}
