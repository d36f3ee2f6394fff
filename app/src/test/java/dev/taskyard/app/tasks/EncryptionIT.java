package dev.taskyard.app.tasks;

import static dev.taskyard.app.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskyard.app.ApiClient;
import dev.taskyard.app.PayaraNode;
import dev.taskyard.app.TestStack;
import dev.taskyard.core.redis.QueueKeys;
import dev.taskyard.embedded.EmbeddedDatabase;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;

/**
 * An app node with {@code taskyard.encryption.keys} (a key made for this run): payloads and results
 * are unreadable in Redis and PostgreSQL, read directly, and plain to the handler and to an
 * authenticated caller of the API.
 */
class EncryptionIT {
  private static final String QUEUE = SealedEchoHandler.QUEUE;
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static PayaraNode node;
  private static RedissonClient redis;

  @BeforeAll
  static void startNodeWithAKey() {
    Path war = TestStack.exported(TestStack.war().addClass(SealedEchoHandler.class));
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    node =
        PayaraNode.start(
            "it-sealed-node",
            war,
            Map.of("taskyard.encryption.keys", "it=" + Base64.getEncoder().encodeToString(key)));
    Config config = new Config();
    config.useSingleServer().setAddress(TestStack.REDIS.url());
    redis = Redisson.create(config);
  }

  @AfterAll
  static void stopNode() {
    try {
      if (node != null) {
        node.close();
      }
    } finally {
      if (redis != null) {
        redis.getKeys().deleteByPattern("ty:{" + QUEUE + "}:*");
        redis.getSet(QueueKeys.QUEUES, StringCodec.INSTANCE).remove(QUEUE);
        redis.shutdown();
      }
    }
  }

  @Test
  void payloadAndResultAreSealedInRedisAndPostgresAndPlainThroughTheApi() throws SQLException {
    String secret = "secret-" + UUID.randomUUID();
    ApiClient api = ApiClient.asAdmin(node.url());
    HttpResponse<String> submitted =
        api.post(
            "api/queue/tasks",
            "{\"queue\":\""
                + QUEUE
                + "\",\"type\":\"it.sealed-echo\",\"payload\":{\"card\":\""
                + secret
                + "\"}}");
    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
    String id = json(submitted).asJsonObject().getString("id");

    await().atMost(WAIT).until(() -> "SUCCEEDED".equals(detail(api, id).getString("state", "")));
    JsonObject detail = detail(api, id);
    assertThat(detail.getString("payload")).contains(secret);
    assertThat(detail.getString("result")).contains("echo").contains(secret);

    Map<String, String> stored =
        redis
            .<String, String>getMap(new QueueKeys(QUEUE).task(id), StringCodec.INSTANCE)
            .readAllMap();
    assertThat(stored.get("payload")).startsWith("ty:sealed:v1:it:");
    assertThat(stored.get("result")).startsWith("ty:sealed:v1:it:");
    assertThat(stored.values()).noneMatch(v -> v.contains(secret));
    await()
        .atMost(WAIT)
        .until(() -> historyRows(id).stream().anyMatch(row -> row.contains("SUCCEEDED")));
    assertThat(historyRows(id)).noneMatch(row -> row.contains(secret));
  }

  private static JsonObject detail(ApiClient api, String id) {
    HttpResponse<String> response = api.get("api/queue/task/" + id);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json(response).asJsonObject();
  }

  /** The task's history rows as text, every column. */
  private static List<String> historyRows(String id) throws SQLException {
    try (Connection db =
            DriverManager.getConnection(TestStack.POSTGRES.jdbcUrl(), EmbeddedDatabase.USER, null);
        PreparedStatement query =
            db.prepareStatement("select h::text from task_history h where h.id = ?::uuid")) {
      query.setString(1, id);
      List<String> rows = new ArrayList<>();
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          rows.add(rs.getString(1));
        }
      }
      return rows;
    }
  }
}
