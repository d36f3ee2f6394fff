package dev.taskyard.core.encryption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskyard.core.Taskyard;
import dev.taskyard.core.TaskyardOptions;
import dev.taskyard.core.enqueue.TaskRequest;
import dev.taskyard.core.schedule.ScheduleDefinition;
import dev.taskyard.core.schedule.ScheduleRunner;
import dev.taskyard.core.task.TaskRecord;
import dev.taskyard.core.task.TaskState;
import dev.taskyard.core.testing.RedisQueue;
import dev.taskyard.core.testing.TestRedis;
import dev.taskyard.core.worker.WorkerPool;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RedissonClient;
import org.redisson.api.stream.StreamMessageId;
import org.redisson.client.codec.StringCodec;

/**
 * Payloads and results sealed in Redis, read back in Redis directly: handlers and readers with the
 * key see the plain text; Redis, its stream and nodes without the key never do.
 */
class EncryptionIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String K1 = PayloadCipherTest.randomKey();
  private static final String K2 = PayloadCipherTest.randomKey();

  @RegisterExtension final RedisQueue queue = new RedisQueue();
  private final String secret = "secret-" + UUID.randomUUID();
  private final String payload = "{\"card\":\"" + secret + "\"}";
  private final RedissonClient redis = TestRedis.get().redisson();
  private final Taskyard sealing = node("k1=" + K1, null);

  @AfterEach
  void closeNode() {
    sealing.close();
  }

  @Test
  void payloadAndResultAreSealedInRedisAndPlainForHandlerAndReader() {
    List<String> seen = new CopyOnWriteArrayList<>();
    String id = sealing.producer().submit(queue.name(), TaskRequest.of("t", payload)).id();

    assertThat(stored(id, "payload")).startsWith("ty:sealed:v1:k1:").doesNotContain(secret);
    try (WorkerPool pool = echoing(sealing, seen)) {
      await().atMost(WAIT).until(() -> state(sealing, id) == TaskState.SUCCEEDED);
    }

    assertThat(seen).containsExactly(payload);
    assertThat(stored(id, "result")).startsWith("ty:sealed:v1:k1:").doesNotContain(secret);
    assertThat(
            redis
                .<String, String>getMap(queue.keys().task(id), StringCodec.INSTANCE)
                .readAllMap()
                .values())
        .noneMatch(v -> v.contains(secret));
    assertThat(streamText()).doesNotContain(secret);
    TaskRecord read = sealing.tasks().find(queue.name(), id).orElseThrow();
    assertThat(read.payload()).isEqualTo(payload);
    assertThat(read.result()).contains("{\"echo\":" + payload + "}");
  }

  @Test
  void aNodeWithoutTheKeyShowsTheSealedValueAndDeadLettersTheTaskSayingWhy() {
    String id = sealing.producer().submit(queue.name(), TaskRequest.of("t", payload)).id();
    List<String> seen = new CopyOnWriteArrayList<>();
    try (Taskyard plain = Taskyard.connect(TestRedis.get().topology())) {
      assertThat(plain.tasks().find(queue.name(), id).orElseThrow().payload())
          .startsWith("ty:sealed:v1:k1:");
      try (WorkerPool pool = echoing(plain, seen)) {
        await().atMost(WAIT).until(() -> state(plain, id) == TaskState.FAILED);
      }
      assertThat(plain.tasks().find(queue.name(), id).orElseThrow().error())
          .hasValueSatisfying(e -> assertThat(e).contains("key 'k1'"));
    }
    assertThat(seen).isEmpty();
  }

  @Test
  void afterRotationNewTasksUseTheNewKeyAndOldOnesStillRun() {
    String old = sealing.producer().submit(queue.name(), TaskRequest.of("t", payload)).id();
    List<String> seen = new CopyOnWriteArrayList<>();
    try (Taskyard rotated = node("k1=" + K1 + ",k2=" + K2, "k2")) {
      String fresh = rotated.producer().submit(queue.name(), TaskRequest.of("t", payload)).id();
      assertThat(stored(fresh, "payload")).startsWith("ty:sealed:v1:k2:");
      try (WorkerPool pool = echoing(rotated, seen)) {
        await()
            .atMost(WAIT)
            .until(
                () ->
                    state(rotated, old) == TaskState.SUCCEEDED
                        && state(rotated, fresh) == TaskState.SUCCEEDED);
      }
    }
    assertThat(seen).containsExactly(payload, payload);
  }

  @Test
  void aScheduleTemplateIsSealedAndItsFiredTasksRunWithThePlainPayload() {
    sealing
        .schedules()
        .create(
            queue.name(),
            "nightly",
            ScheduleDefinition.of("0 2 * * *", TaskRequest.of("t", payload)));
    assertThat(
            redis
                .<String, String>getMap(queue.keys().schedule("nightly"), StringCodec.INSTANCE)
                .get("payload"))
        .startsWith("ty:sealed:v1:k1:")
        .doesNotContain(secret);
    assertThat(
            sealing
                .schedules()
                .get(queue.name(), "nightly")
                .orElseThrow()
                .definition()
                .task()
                .payload())
        .isEqualTo(payload);

    List<String> seen = new CopyOnWriteArrayList<>();
    redis
        .getScoredSortedSet(queue.keys().schedules(), StringCodec.INSTANCE)
        .add(Instant.now().toEpochMilli(), "nightly"); // due now
    try (ScheduleRunner runner = sealing.scheduler().start();
        WorkerPool pool = echoing(sealing, seen)) {
      await().atMost(WAIT).until(() -> !seen.isEmpty());
    }
    assertThat(seen).first().isEqualTo(payload);
  }

  /** A pool of one thread that notes each payload it is handed and answers with it. */
  private WorkerPool echoing(Taskyard node, List<String> seen) {
    return node.workerPool()
        .queue(queue.name(), 1)
        .handler(
            "t",
            task -> {
              seen.add(task.payload());
              return "{\"echo\":" + task.payload() + "}";
            })
        .start();
  }

  private Taskyard node(String keys, String active) {
    return Taskyard.create(
        TestRedis.get().redisson(),
        TaskyardOptions.defaults().withEncryption(EncryptionKeys.parse(keys, active)));
  }

  private String stored(String id, String field) {
    return redis.<String, String>getMap(queue.keys().task(id), StringCodec.INSTANCE).get(field);
  }

  private TaskState state(Taskyard node, String id) {
    return node.tasks().find(queue.name(), id).map(TaskRecord::state).orElse(null);
  }

  /** Every field of every entry of the queue's event stream, as one text. */
  private String streamText() {
    Map<StreamMessageId, Map<String, String>> entries =
        redis
            .<String, String>getStream(queue.keys().events(), StringCodec.INSTANCE)
            .range(StreamMessageId.MIN, StreamMessageId.MAX);
    return entries.values().toString();
  }
}
