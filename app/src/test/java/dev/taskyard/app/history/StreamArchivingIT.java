package dev.taskyard.app.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.taskyard.app.TestStack;
import dev.taskyard.core.Taskyard;
import dev.taskyard.core.redis.QueueKeys;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RBatch;
import org.redisson.api.RStream;
import org.redisson.api.stream.StreamAddArgs;
import org.redisson.client.codec.StringCodec;

/**
 * The archiver's reading, batching, splitting and quarantine against the real Redis stream and the
 * real PostgreSQL: entries are written straight into the streams (XADD) as the scripts write them,
 * poison included.
 */
class StreamArchivingIT {
  private static final String CONSUMER = "it-node";

  private final String queue = "it-" + UUID.randomUUID().toString().substring(0, 12);
  private final String other = "it-" + UUID.randomUUID().toString().substring(0, 12);
  private HikariDataSource dataSource;
  private Taskyard taskyard;
  private ArchiveStreams streams;
  private ArchiveQuarantine quarantine;

  @BeforeEach
  void connect() throws Exception {
    dataSource = TestStack.database();
    taskyard = Taskyard.connect(TestStack.REDIS.url());
    streams = new ArchiveStreams();
    streams.redisson = taskyard.redisson();
    streams.maxStreamEntries = 5_000_000;
    streams.warnFraction = 0.2;
    streams.init();
    quarantine = new ArchiveQuarantine();
    quarantine.dataSource = dataSource;
    quarantine.schema = HistoryStoreIT.storeOn(dataSource).schema;
  }

  @AfterEach
  void close() {
    for (String q : List.of(queue, other)) {
      taskyard.redisson().getKeys().delete(new QueueKeys(q).events(), new QueueKeys(q).archive());
    }
    taskyard.close();
    dataSource.close();
  }

  @Test
  void aPoisonEntryIsQuarantinedWhileTheGoodOnesAroundItAndAnotherQueueAreArchived()
      throws Exception {
    BatchArchiver archiver = archiver(HistoryStoreIT.storeOn(dataSource), 10_000);
    String before = UUID.randomUUID().toString();
    String after = UUID.randomUUID().toString();
    String elsewhere = UUID.randomUUID().toString();
    add(queue, submitted(List.of(before)));
    // A NUL, which PostgreSQL refuses in text, as a correlation id accepted before it was checked.
    Map<String, String> poison = submitted(List.of(UUID.randomUUID().toString()));
    poison.put("correlationIds", "[\"a\\u0000b\"]");
    String poisonId = add(queue, poison);
    add(queue, submitted(List.of(after)));
    add(other, submitted(List.of(elsewhere)));

    // One lane serving both queues, round after round, as StreamArchiver does.
    drain(archiver, List.of(queue, other));

    assertThat(archivedIds(queue)).containsExactlyInAnyOrder(before, after);
    assertThat(archivedIds(other)).containsExactly(elsewhere);
    List<QuarantinedEntry> setAside = quarantine.list(Optional.of(queue), 10);
    assertThat(setAside)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.streamId()).isEqualTo(poisonId);
              assertThat(e.fields()).isEqualTo(poison);
              assertThat(e.attempts()).isEqualTo(3);
              assertThat(e.error()).contains("HistoryRefusedException");
            });
    ArchiveLag lag = streams.lag(List.of(queue)).get(queue);
    assertThat(lag.pending()).isZero();
    assertThat(lag.quarantined()).isEqualTo(1);
  }

  @Test
  void anEntryThatDoesNotDecodeIsQuarantinedWithItsRawFields() throws Exception {
    BatchArchiver archiver = archiver(HistoryStoreIT.storeOn(dataSource), 10_000);
    String good = UUID.randomUUID().toString();
    Map<String, String> garbage = new LinkedHashMap<>(Map.of("type", "submitted", "at", "soon"));
    garbage.put("ids", "x");
    String garbageId = add(queue, garbage);
    add(queue, submitted(List.of(good)));

    drain(archiver, List.of(queue));

    assertThat(archivedIds(queue)).containsExactly(good);
    assertThat(quarantine.list(Optional.of(queue), 10))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.streamId()).isEqualTo(garbageId);
              assertThat(e.fields()).isEqualTo(garbage);
              assertThat(e.error()).contains("bad time");
            });
  }

  @Test
  void aBacklogOf200000TasksWritten1000PerEntryIsArchivedCompletely() throws Exception {
    BatchArchiver archiver = archiver(HistoryStoreIT.storeOn(dataSource), 10_000);
    RBatch batch = taskyard.redisson().createBatch();
    for (int entry = 0; entry < 200; entry++) {
      List<String> ids =
          IntStream.range(0, 1000).mapToObj(i -> UUID.randomUUID().toString()).toList();
      batch
          .<String, String>getStream(new QueueKeys(queue).events(), StringCodec.INSTANCE)
          .addAsync(StreamAddArgs.entries(submitted(ids)));
    }
    batch.execute();

    drain(archiver, List.of(queue));

    assertThat(count(queue)).isEqualTo(200_000);
    assertThat(streams.lag(List.of(queue)).get(queue).pending()).isZero();
  }

  @Test
  void aBatchThatTimesOutIsSplitUntilItsPartsGoThrough() throws Exception {
    // A database that times out on any write of more than 2,500 task changes.
    HistoryStore slow = HistoryStoreIT.storeOn(dataSource);
    HistoryStore timingOut =
        new HistoryStore() {
          @Override
          public void write(HistoryBatch batch) {
            if (batch.changes().size() > 2_500) {
              throw new TimeoutException("took too long");
            }
            slow.write(batch);
          }
        };
    BatchArchiver archiver = archiver(timingOut, 10_000);
    for (int entry = 0; entry < 10; entry++) {
      add(
          queue,
          submitted(IntStream.range(0, 1000).mapToObj(i -> UUID.randomUUID().toString()).toList()));
    }

    drain(archiver, List.of(queue));

    assertThat(count(queue)).isEqualTo(10_000);
    assertThat(quarantine.list(Optional.of(queue), 10)).isEmpty();
  }

  @Test
  void pastItsLimitAStreamDropsItsOldestEntriesAndCountsEveryOne() throws Exception {
    streams.maxStreamEntries = 5;
    streams.warnFraction = 0.5;
    BatchArchiver archiver = archiver(HistoryStoreIT.storeOn(dataSource), 10_000);
    List<String> ids = IntStream.range(0, 8).mapToObj(i -> UUID.randomUUID().toString()).toList();
    ids.forEach(id -> add(queue, submitted(List.of(id))));
    // Another node read the first two and has not acknowledged them.
    assertThat(streams.readNew(queue, "other-node", 2)).hasSize(2);
    assertThat(streams.lag(List.of(queue)).get(queue).warning()).isTrue();

    assertThat(streams.enforceLimit(queue)).isEqualTo(3);
    drain(archiver, List.of(queue));

    assertThat(archivedIds(queue)).containsExactlyInAnyOrderElementsOf(ids.subList(3, 8));
    ArchiveLag lag = streams.lag(List.of(queue)).get(queue);
    assertThat(lag.dropped()).isEqualTo(3);
    assertThat(lag.pending()).isZero();
    assertThat(lag.warning()).isFalse();
    // What the other node held went with the trim: it is not found empty and counted again.
    assertThat(streams.readPending(queue, "other-node", 10)).isEmpty();
  }

  @Test
  void withinItsLimitAStreamKeepsEveryEntryNotYetAcknowledged() throws Exception {
    streams.maxStreamEntries = 8;
    BatchArchiver archiver = archiver(HistoryStoreIT.storeOn(dataSource), 10_000);
    List<String> ids = IntStream.range(0, 8).mapToObj(i -> UUID.randomUUID().toString()).toList();
    ids.forEach(id -> add(queue, submitted(List.of(id))));
    assertThat(streams.readNew(queue, "other-node", 2)).hasSize(2);

    assertThat(streams.enforceLimit(queue)).isZero();
    drain(archiver, List.of(queue));
    // The other node died: its two are taken over.
    assertThat(streams.reclaim(queue, CONSUMER, java.time.Duration.ZERO, 10)).isEqualTo(2);
    archiver.reclaimed(queue);
    drain(archiver, List.of(queue));

    assertThat(archivedIds(queue)).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(streams.lag(List.of(queue)).get(queue).dropped()).isZero();
  }

  private BatchArchiver archiver(HistoryStore store, int tasksPerBatch) {
    return new BatchArchiver(
        streams, store, quarantine, new BatchArchiver.Limits(500, tasksPerBatch, 3));
  }

  /** Rounds over the queues until none has entries; a queue that fails is retried next round. */
  private static void drain(BatchArchiver archiver, List<String> queues) {
    boolean busy = true;
    for (int round = 0; busy && round < 1_000; round++) {
      busy = false;
      for (String q : queues) {
        try {
          busy |= archiver.archiveNext(q, CONSUMER);
        } catch (BatchArchiver.EntryFailedException e) {
          busy = true;
        }
      }
    }
    assertThat(busy).as("drained").isFalse();
  }

  private String add(String q, Map<String, String> fields) {
    RStream<String, String> stream =
        taskyard.redisson().getStream(new QueueKeys(q).events(), StringCodec.INSTANCE);
    return stream.add(StreamAddArgs.entries(fields)).toString();
  }

  private static Map<String, String> submitted(List<String> ids) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("type", "submitted");
    fields.put("at", "1");
    fields.put("ids", String.join(" ", ids));
    fields.put("types", ids.stream().map(i -> "it.type").collect(Collectors.joining(" ")));
    fields.put("priorities", ids.stream().map(i -> "0").collect(Collectors.joining(" ")));
    return fields;
  }

  private List<String> archivedIds(String q) throws Exception {
    List<String> ids = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement("select id::text from task_history where queue = ?")) {
      s.setString(1, q);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          ids.add(r.getString(1));
        }
      }
    }
    return ids;
  }

  private long count(String q) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement("select count(*) from task_history where queue = ?")) {
      s.setString(1, q);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }
}
