package dev.taskyard.app.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.taskyard.app.TestStack;
import dev.taskyard.app.platform.TestDatabases;
import dev.taskyard.core.Taskyard;
import dev.taskyard.core.events.EventEntry;
import dev.taskyard.core.events.TaskEvent;
import dev.taskyard.core.redis.QueueKeys;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RStream;
import org.redisson.api.stream.StreamAddArgs;
import org.redisson.client.codec.StringCodec;

/**
 * The archiver's writes against the real PostgreSQL (replays, reordering, retention) and its
 * consumer group on the real Redis (a dead node's entries taken over).
 */
class HistoryStoreIT {
  private final String queue = "it-" + UUID.randomUUID().toString().substring(0, 12);
  private final Instant created = Instant.now().truncatedTo(ChronoUnit.MILLIS);
  private final UUID id = TaskIdsAt.at(created);
  private HikariDataSource dataSource;
  private HistoryStore store;

  @BeforeEach
  void connect() throws Exception {
    dataSource = TestStack.database();
    store = storeOn(dataSource);
  }

  /** A HistoryStore as one node has it, outside a container. */
  static HistoryStore storeOn(HikariDataSource dataSource) throws Exception {
    HistoryStore store = new HistoryStore();
    store.dataSource = dataSource;
    store.schema = TestDatabases.schema(dataSource);
    return store;
  }

  @AfterEach
  void close() {
    dataSource.close();
  }

  @Test
  void replayingABatchChangesNothing() {
    HistoryBatch batch = HistoryBatch.of(List.of(submitted("1-0", 1), started("2-0", 2)));

    store.write(batch);
    TaskHistory once = store.find(id).orElseThrow();
    store.write(batch);

    assertThat(store.find(id)).contains(once);
    assertThat(store.timeline(id))
        .extracting(Transition::event)
        .containsExactly("submitted", "started");
  }

  @Test
  void anOlderBatchNeverOverwritesANewerState() {
    store.write(HistoryBatch.of(List.of(submitted("1-0", 1))));
    store.write(HistoryBatch.of(List.of(succeeded("3-0", 3))));
    store.write(HistoryBatch.of(List.of(started("2-0", 2))));

    TaskHistory task = store.find(id).orElseThrow();
    assertThat(task.state()).isEqualTo("SUCCEEDED");
    assertThat(task.finishedAt()).isEqualTo(Instant.ofEpochMilli(3));
    assertThat(store.timeline(id))
        .extracting(Transition::event)
        .containsExactly("submitted", "started", "succeeded");
  }

  @Test
  void aSubmittedEventArchivedLateStillNamesTheTaskCreatedWhenItsIdWasMade() {
    store.write(HistoryBatch.of(List.of(started("2-0", 2))));
    store.write(HistoryBatch.of(List.of(submitted("1-0", 1))));

    TaskHistory task = store.find(id).orElseThrow();
    assertThat(task.state()).isEqualTo("RUNNING");
    assertThat(task.type()).isEqualTo("it.type");
    assertThat(task.correlationId()).isEqualTo("order 9");
    assertThat(task.createdAt()).isEqualTo(created);
  }

  @Test
  void twoArchiversCommittingInReverseOrderKeepEveryFieldOfItsNewestEvent() throws Exception {
    HistoryStore nodeA = store;
    HistoryStore nodeB = storeOn(dataSource);
    HistoryBatch earlier = HistoryBatch.of(List.of(submitted("1-0", 1), started("2-0", 2)));
    HistoryBatch later = HistoryBatch.of(List.of(succeeded("3-0", 3)));

    // Node B read the later entries but commits first.
    nodeB.write(later);
    nodeA.write(earlier);

    TaskHistory task = store.find(id).orElseThrow();
    assertThat(task.state()).isEqualTo("SUCCEEDED");
    assertThat(task.finishedAt()).isEqualTo(Instant.ofEpochMilli(3));
    assertThat(task.priority()).isEqualTo(3);
    assertThat(task.attempts()).isEqualTo(1);
    assertThat(task.worker()).isEqualTo("w1");
    assertThat(task.startedAt()).isEqualTo(Instant.ofEpochMilli(2));
    assertThat(task.updatedAt()).isEqualTo(Instant.ofEpochMilli(3));
  }

  @Test
  void aNonStateEventArchivedFirstLeavesTheStateToTheEventsThatSetIt() {
    store.write(HistoryBatch.of(List.of(reprioritized("2-0", 2, 8))));
    store.write(HistoryBatch.of(List.of(submitted("1-0", 1))));

    TaskHistory task = store.find(id).orElseThrow();
    assertThat(task.state()).isEqualTo("QUEUED");
    assertThat(task.priority()).isEqualTo(8);
    assertThat(task.type()).isEqualTo("it.type");
  }

  @Test
  void theUsageOfTheNewestMeasuredAttemptIsKeptWhateverOrderBatchesCommitIn() {
    store.write(HistoryBatch.of(List.of(submitted("1-0", 1))));
    store.write(HistoryBatch.of(List.of(ended("5-0", "succeeded", Map.of("cpu", "1500")))));
    store.write(
        HistoryBatch.of(List.of(ended("3-0", "retrying", Map.of("cpu", "7", "alloc", "64")))));
    store.write(HistoryBatch.of(List.of(ended("6-0", "cancelled", Map.of()))));

    TaskHistory task = store.find(id).orElseThrow();
    assertThat(task.cpuTimeMicros()).isEqualTo(1500);
    assertThat(task.allocatedBytes()).isNull();
    assertThat(task.state()).isEqualTo("CANCELLED");
  }

  @Test
  void aNewTaskRowHasTheUsageItsBatchCarried() {
    store.write(
        HistoryBatch.of(
            List.of(
                submitted("1-0", 1),
                started("2-0", 2),
                ended("3-0", "succeeded", Map.of("cpu", "1500", "alloc", "4096")))));

    TaskHistory task = store.find(id).orElseThrow();
    assertThat(task.cpuTimeMicros()).isEqualTo(1500);
    assertThat(task.allocatedBytes()).isEqualTo(4096);
  }

  @Test
  void entriesLeftPendingByADeadConsumerAreArchivedByAnotherInTheGroup() {
    try (Taskyard taskyard = Taskyard.connect(TestStack.REDIS.url())) {
      ArchiveStreams streams = new ArchiveStreams();
      streams.redisson = taskyard.redisson();
      streams.maxStreamEntries = 5_000_000;
      streams.init();
      RStream<String, String> events =
          taskyard.redisson().getStream(new QueueKeys(queue).events(), StringCodec.INSTANCE);
      try {
        streams.readNew(queue, "node-a", 10); // creates the group
        events.add(
            StreamAddArgs.entries(
                Map.of("type", "submitted", "at", "1", "ids", id.toString(), "types", "it.type")));
        // Node A takes the entry and dies before writing it.
        assertThat(streams.readNew(queue, "node-a", 10)).hasSize(1);
        assertThat(streams.readNew(queue, "node-b", 10)).isEmpty();

        assertThat(streams.reclaim(queue, "node-b", Duration.ZERO, 10)).isEqualTo(1);
        List<EventEntry> taken = streams.readPending(queue, "node-b", 10);
        store.write(HistoryBatch.of(taken.stream().map(EventEntry::event).toList()));
        streams.acknowledge(queue, taken);

        assertThat(store.find(id)).map(TaskHistory::type).contains("it.type");
        assertThat(streams.lag(List.of(queue)).get(queue).pending()).isZero();
        assertThat(streams.readPending(queue, "node-a", 10)).isEmpty();
      } finally {
        events.delete();
      }
    }
  }

  private TaskEvent submitted(String streamId, long at) {
    return new TaskEvent(
        streamId,
        queue,
        "submitted",
        Instant.ofEpochMilli(at),
        List.of(id.toString()),
        Map.of(
            "types", "it.type",
            "priorities", "3",
            "states", "QUEUED",
            "correlationIds", "[\"order 9\"]"));
  }

  private TaskEvent started(String streamId, long at) {
    return new TaskEvent(
        streamId,
        queue,
        "started",
        Instant.ofEpochMilli(at),
        List.of(id.toString()),
        Map.of("worker", "w1", "attempts", "1"));
  }

  private TaskEvent reprioritized(String streamId, long at, int priority) {
    return new TaskEvent(
        streamId,
        queue,
        "reprioritized",
        Instant.ofEpochMilli(at),
        List.of(id.toString()),
        Map.of("priority", Integer.toString(priority)));
  }

  private TaskEvent ended(String streamId, String type, Map<String, String> details) {
    return new TaskEvent(
        streamId,
        queue,
        type,
        Instant.ofEpochMilli(StreamPosition.parse(streamId).ms()),
        List.of(id.toString()),
        details);
  }

  private TaskEvent succeeded(String streamId, long at) {
    return new TaskEvent(
        streamId, queue, "succeeded", Instant.ofEpochMilli(at), List.of(id.toString()), Map.of());
  }
}
