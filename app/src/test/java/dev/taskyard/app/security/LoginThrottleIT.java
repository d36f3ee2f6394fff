package dev.taskyard.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskyard.app.ApiClient;
import dev.taskyard.app.PayaraNode;
import dev.taskyard.app.Problems;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Failed logins throttled per user, on a node of its own (the limits are per node, and every test
 * client shares one address): three failures as the operator, and the operator is refused with 429,
 * even with the right password, while the administrator still logs in.
 */
class LoginThrottleIT {
  private static final String OPERATOR = "it-throttled-operator";
  private static final String OPERATOR_PASSWORD = "it-throttled-secret";
  private static PayaraNode node;

  @BeforeAll
  static void start() {
    node =
        PayaraNode.start(
            "it-login-throttle-node",
            Path.of(System.getProperty("taskyard.it.war")),
            Map.of(
                "taskyard.operator.user", OPERATOR,
                "taskyard.operator.password", OPERATOR_PASSWORD,
                "taskyard.security.login-failures-per-user", "3",
                "taskyard.security.login-failures-per-client", "1000",
                "taskyard.security.login-throttle-seconds", "600"));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void aUserWithTooManyFailedLoginsIsRefusedWith429AndRetryAfterEvenWithTheRightPassword() {
    for (int i = 0; i < 3; i++) {
      assertThat(
              ApiClient.as(node.url(), OPERATOR, "guess-" + i).get("api/queue/status").statusCode())
          .isEqualTo(401);
    }

    HttpResponse<String> refused =
        ApiClient.as(node.url(), OPERATOR, OPERATOR_PASSWORD).get("api/queue/status");

    assertThat(Problems.assertProblem(refused, 429).getString("title"))
        .isEqualTo("Too many failed logins");
    assertThat(Problems.assertRetryAfter(refused)).isGreaterThan(60);
    assertThat(refused.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(ApiClient.asAdmin(node.url()).get("api/queue/status").statusCode()).isEqualTo(200);
  }
}
