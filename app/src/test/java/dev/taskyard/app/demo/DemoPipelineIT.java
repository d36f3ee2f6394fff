package dev.taskyard.app.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskyard.app.PayaraNode;
import dev.taskyard.app.TestStack;
import dev.taskyard.core.Taskyard;
import dev.taskyard.core.enqueue.TaskRequest;
import dev.taskyard.core.redis.QueueKeys;
import dev.taskyard.core.task.TaskState;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.redisson.client.codec.StringCodec;

/**
 * The built WAR with the demo on, watching an inbox of its own: a Payara Micro started here rather
 * than by Arquillian, whose settings every IT class shares.
 */
class DemoPipelineIT {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final List<String> QUEUES = List.of("files", "reports");
  private static Path inbox;
  private static PayaraNode node;
  private static Taskyard taskyard;

  /** Tasks the tests submitted to the files queue themselves, besides the watcher's. */
  private static final AtomicInteger SUBMITTED_HERE = new AtomicInteger();

  @BeforeAll
  static void startWithTheDemo() throws IOException {
    TestStack.ensureStarted();
    taskyard = Taskyard.connect(TestStack.REDIS.url());
    inbox = Files.createTempDirectory("taskyard-it-inbox");
    // Already there at start: found by the first scan.
    Files.writeString(inbox.resolve("early.txt"), "one\ntwo\nthree\n");
    node =
        PayaraNode.start(
            "it-demo-node",
            Path.of(System.getProperty("taskyard.it.war")),
            Map.of(
                "taskyard.demo.enabled", "true",
                "taskyard.demo.inbox", inbox.toString(),
                "taskyard.demo.rate-per-minute", "120"));
  }

  @AfterAll
  static void stop() {
    try {
      if (node != null) {
        node.close();
      }
    } finally {
      for (String queue : QUEUES) {
        taskyard.redisson().getKeys().deleteByPattern("ty:{" + queue + "}:*");
        taskyard.redisson().getSet(QueueKeys.QUEUES, StringCodec.INSTANCE).remove(queue);
      }
      taskyard.close();
    }
  }

  @Test
  void filesInTheInboxEndInDoneWithTheirChecksumAndInspection() throws Exception {
    byte[] binary = new byte[200_000];
    for (int i = 0; i < binary.length; i++) {
      binary[i] = (byte) (i * 31);
    }
    drop("data.bin", binary);
    drop("notes.txt", "alpha\nbeta\n".getBytes(StandardCharsets.UTF_8));

    for (String name : List.of("early.txt", "data.bin", "notes.txt")) {
      Path done = inbox.resolve("done").resolve(name);
      Path sidecar = inbox.resolve("done").resolve(name + ".json");
      await().atMost(WAIT).until(() -> Files.exists(done) && Files.exists(sidecar));
      JsonObject found = read(sidecar);

      assertThat(Files.exists(inbox.resolve(name))).isFalse();
      assertThat(found.getBoolean("ok")).isTrue();
      assertThat(found.getJsonObject("checksum").getString("sha256"))
          .isEqualTo(sha256(Files.readAllBytes(done)));
      assertThat(found.getJsonObject("inspection").getJsonNumber("size").longValue())
          .isEqualTo(Files.size(done));
      JsonObject tasks = found.getJsonObject("tasks");
      for (String step : List.of("checksum", "inspect", "move")) {
        await()
            .atMost(WAIT)
            .until(
                () ->
                    taskyard.tasks().find("files", tasks.getString(step)).orElseThrow().state()
                        == TaskState.SUCCEEDED);
      }
    }
    // Three tasks per file, however often a file was seen (scan and watch overlap at start).
    assertThat(taskyard.stats().status("files").totals().enqueued())
        .isEqualTo(9 + SUBMITTED_HERE.get());
    JsonObject early = read(inbox.resolve("done").resolve("early.txt.json"));
    assertThat(early.getJsonObject("inspection").getInt("lines")).isEqualTo(3);
    assertThat(early.getJsonObject("inspection").getString("contentType")).startsWith("text/");
  }

  @ParameterizedTest(name = "{0} on {1}")
  @CsvSource({
    "file.checksum, a file outside the inbox",
    "file.inspect, a file outside the inbox",
    "file.move, a file outside the inbox",
    "file.move, a path through .. out of the inbox",
    "file.move, a link in the inbox to a file outside"
  })
  void aFileTaskNamingAFileOutsideTheInboxFailsAndLeavesTheFileAlone(String type, String where)
      throws IOException {
    Path outside = Files.createTempFile("taskyard-it-outside", ".txt");
    Files.writeString(outside, "keep me");
    Path named =
        switch (where) {
          case "a file outside the inbox" -> outside;
          case "a path through .. out of the inbox" ->
              inbox.resolve("..").resolve(outside.getFileName());
          default -> Files.createSymbolicLink(inbox.resolve(".link-" + type), outside);
        };
    String payload =
        Json.createObjectBuilder()
            .add("path", named.toString())
            .add("checksumTask", "0193c1d2-7a3e-7b21-9f00-3c5d6e7f8a9b")
            .add("inspectTask", "0193c1d2-7a3e-7b21-9f00-3c5d6e7f8a9b")
            .build()
            .toString();
    String id =
        taskyard.producer().submit("files", TaskRequest.of(type, payload).withMaxAttempts(1)).id();
    SUBMITTED_HERE.incrementAndGet();

    await()
        .atMost(WAIT)
        .until(() -> taskyard.tasks().find("files", id).orElseThrow().state() == TaskState.FAILED);
    assertThat(taskyard.tasks().find("files", id).orElseThrow().error())
        .hasValueSatisfying(error -> assertThat(error).contains("not a file in the demo inbox"));
    assertThat(Files.readString(outside)).isEqualTo("keep me");
  }

  @Test
  void generatedReportsRunAndReportProgress() {
    await().atMost(WAIT).until(() -> taskyard.stats().status("reports").totals().succeeded() > 0);
  }

  /** Writes under a dot name, then renames: the watcher never sees a half-written file. */
  private static void drop(String name, byte[] content) throws IOException {
    Path partial = inbox.resolve("." + name);
    Files.write(partial, content);
    Files.move(partial, inbox.resolve(name));
  }

  private static JsonObject read(Path json) throws IOException {
    try (JsonReader reader = Json.createReader(new StringReader(Files.readString(json)))) {
      return reader.readObject();
    }
  }

  private static String sha256(byte[] content) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
  }
}
