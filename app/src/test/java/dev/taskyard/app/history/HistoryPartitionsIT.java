package dev.taskyard.app.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.taskyard.app.TestStack;
import dev.taskyard.core.events.TaskEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The history's weekly partitions on the real PostgreSQL: created ahead, written to by the id's
 * week, replays across them, retention dropping whole weeks, pruning. Each test works in weeks of
 * its own, years back, so that the tests sharing the server do not meet.
 */
class HistoryPartitionsIT {
  private final String queue = "it-" + UUID.randomUUID().toString().substring(0, 12);
  private HikariDataSource dataSource;
  private HistoryStore store;
  private long streamMs = 1;

  @BeforeEach
  void connect() throws Exception {
    dataSource = TestStack.database();
    store = HistoryStoreIT.storeOn(dataSource);
  }

  @AfterEach
  void close() {
    dataSource.close();
  }

  @Test
  void theWeeksAheadAreCreatedOnceEach() {
    Instant now = Instant.parse("2041-01-02T10:00:00Z");

    List<HistoryWeek> created = store.addWeeks(now, now.plus(Duration.ofDays(28))).get();
    List<HistoryWeek> again = store.addWeeks(now, now.plus(Duration.ofDays(28))).get();

    assertThat(created)
        .extracting(HistoryWeek::monday)
        .containsExactly(
            LocalDate.parse("2040-12-31"),
            LocalDate.parse("2041-01-07"),
            LocalDate.parse("2041-01-14"),
            LocalDate.parse("2041-01-21"),
            LocalDate.parse("2041-01-28"));
    assertThat(again).isEmpty();
    assertThat(store.weeks()).containsAll(created);
  }

  @Test
  void aTaskIsWrittenToThePartitionOfTheWeekItsIdWasMadeIn() throws Exception {
    weeks("2019-01-07", "2019-01-14");
    UUID id = TaskIdsAt.at(Instant.parse("2019-01-13T23:59:59.999Z"));

    store.write(HistoryBatch.of(List.of(submitted(id, "2019-01-14T00:00:01Z"))));

    assertThat(partitionOf(id)).isEqualTo("task_history_20190107");
    assertThat(store.find(id).orElseThrow().createdAt())
        .isEqualTo(Instant.parse("2019-01-13T23:59:59.999Z"));
  }

  @Test
  void batchesReplayedAndReorderedKeepOneRowPerTaskInEachWeek() throws Exception {
    weeks("2019-02-04", "2019-02-11");
    UUID early = TaskIdsAt.at(Instant.parse("2019-02-10T12:00:00Z"));
    UUID late = TaskIdsAt.at(Instant.parse("2019-02-11T12:00:00Z"));
    HistoryBatch submits =
        HistoryBatch.of(
            List.of(
                submitted(early, "2019-02-10T12:00:00Z"), submitted(late, "2019-02-11T12:00:00Z")));
    HistoryBatch ends =
        HistoryBatch.of(
            List.of(
                succeeded(early, "2019-02-11T13:00:00Z"), failed(late, "2019-02-11T13:00:01Z")));

    store.write(ends);
    store.write(submits);
    store.write(ends);
    store.write(submits);

    assertThat(rowsOf(early, late)).isEqualTo(2);
    assertThat(partitionOf(early)).isEqualTo("task_history_20190204");
    assertThat(partitionOf(late)).isEqualTo("task_history_20190211");
    assertThat(store.find(early).orElseThrow().state()).isEqualTo("SUCCEEDED");
    assertThat(store.find(late).orElseThrow().state()).isEqualTo("FAILED");
    assertThat(store.find(late).orElseThrow().type()).isEqualTo("it.type");
    assertThat(store.timeline(late))
        .extracting(Transition::event)
        .containsExactly("submitted", "failed");
  }

  @Test
  void retentionDropsTheWeeksWhoseTasksAllEndedAndThinsOnlyThoseWithATaskStillGoing()
      throws Exception {
    weeks("2018-03-05", "2018-03-12", "2018-03-19");
    UUID endedA = task("2018-03-06T10:00:00Z", "2018-03-06T10:00:05Z");
    UUID endedB = task("2018-03-11T10:00:00Z", "2018-03-12T01:00:00Z");
    UUID endedC = task("2018-03-13T10:00:00Z", "2018-03-13T10:00:05Z");
    UUID going = task("2018-03-14T10:00:00Z", null);
    UUID endedInWeekOfCutoff = task("2018-03-19T10:00:00Z", "2018-03-19T10:00:05Z");
    Instant cutoff = Instant.parse("2018-03-22T00:00:00Z");

    assertThat(store.dropWeeksEndedBefore(cutoff).get())
        .extracting(HistoryWeek::monday)
        .contains(LocalDate.parse("2018-03-05"))
        .doesNotContain(LocalDate.parse("2018-03-12"), LocalDate.parse("2018-03-19"));
    while (store.deleteEndedBefore(cutoff, 10_000).orElseThrow() > 0) {
      // deletes in chunks
    }

    assertThat(store.weeks())
        .extracting(HistoryWeek::monday)
        .doesNotContain(LocalDate.parse("2018-03-05"))
        .contains(LocalDate.parse("2018-03-12"), LocalDate.parse("2018-03-19"));
    assertThat(store.find(endedA)).isEmpty();
    assertThat(store.find(endedB)).isEmpty();
    assertThat(store.find(endedC)).isEmpty();
    assertThat(store.timeline(endedC)).isEmpty();
    assertThat(store.find(going)).map(TaskHistory::state).contains("RUNNING");
    assertThat(store.find(endedInWeekOfCutoff)).isPresent();
  }

  @Test
  void aLateEventOfATaskWhoseWeekWasDroppedIsKeptInTheDefaultPartition() throws Exception {
    weeks("2017-05-01");
    UUID id = task("2017-05-02T10:00:00Z", "2017-05-02T10:00:05Z");
    store.dropWeeksEndedBefore(Instant.parse("2017-06-01T00:00:00Z"));

    store.write(HistoryBatch.of(List.of(started(id, "2017-06-02T00:00:00Z"))));

    assertThat(partitionOf(id)).isEqualTo("task_history_default");
    assertThat(store.find(id)).map(TaskHistory::state).contains("RUNNING");
  }

  @Test
  void aWeekCreatedLateTakesItsTasksFromTheDefaultPartition() throws Exception {
    UUID id = task("2016-08-09T10:00:00Z", "2016-08-09T10:00:05Z");
    assertThat(partitionOf(id)).isEqualTo("task_history_default");

    weeks("2016-08-08");

    assertThat(partitionOf(id)).isEqualTo("task_history_20160808");
    assertThat(store.find(id)).map(TaskHistory::state).contains("SUCCEEDED");
  }

  @Test
  void aPageBoundedInTimeReadsOnlyTheWeeksOfItsRange() throws Exception {
    weeks("2019-04-01", "2019-04-08", "2019-04-15");
    TaskQuery query =
        query(
            Optional.of(Instant.parse("2019-04-09T00:00:00Z")),
            Optional.of(Instant.parse("2019-04-10T00:00:00Z")),
            Optional.empty(),
            Set.of("FAILED"),
            Optional.empty());

    String plan = plan(query);

    assertThat(plan)
        .contains("task_history_20190408")
        .doesNotContain("task_history_20190401", "task_history_20190415", "task_history_default");
  }

  @Test
  void everyListFilterAndTheCursorWorkAcrossWeeks() throws Exception {
    weeks("2019-06-03", "2019-06-10");
    UUID a = task("2019-06-08T10:00:00Z", "2019-06-08T10:00:05Z");
    UUID b = failedTask("2019-06-09T10:00:00Z", "disk full on /data");
    UUID c = task("2019-06-10T10:00:00Z", null);
    UUID d = failedTask("2019-06-11T10:00:00Z", "timeout after 5 s");
    Optional<Instant> none = Optional.empty();

    assertThat(allPages(query(none, none, Optional.empty(), Set.of(), Optional.empty())))
        .containsExactly(d, c, b, a);
    assertThat(
            allPages(
                query(
                    Optional.of(Instant.parse("2019-06-09T00:00:00Z")),
                    Optional.of(Instant.parse("2019-06-11T00:00:00Z")),
                    Optional.empty(),
                    Set.of(),
                    Optional.empty())))
        .containsExactly(c, b);
    assertThat(allPages(query(none, none, Optional.empty(), Set.of("FAILED"), Optional.empty())))
        .containsExactly(d, b);
    assertThat(allPages(query(none, none, Optional.empty(), Set.of(), Optional.of("DISK FULL"))))
        .containsExactly(b);
    assertThat(allPages(query(none, none, Optional.empty(), Set.of(), Optional.of("order " + c))))
        .containsExactly(c);
    assertThat(allPages(query(none, none, Optional.empty(), Set.of(), Optional.of(a.toString()))))
        .containsExactly(a);
    assertThat(
            allPages(
                new TaskQuery(
                    Optional.of(queue),
                    Set.of(),
                    Optional.of("it.type"),
                    none,
                    none,
                    Optional.empty(),
                    Optional.of(ErrorPattern.of("timeout after 9 s")),
                    TaskSort.CREATED_AT,
                    true,
                    Optional.empty(),
                    1)))
        .containsExactly(d);
    for (TaskSort sort : TaskSort.values()) {
      assertThat(
              allPages(
                  new TaskQuery(
                      Optional.of(queue),
                      Set.of(),
                      Optional.empty(),
                      none,
                      none,
                      Optional.empty(),
                      Optional.empty(),
                      sort,
                      true,
                      Optional.empty(),
                      1)))
          .as("sorted by %s", sort)
          .containsExactlyInAnyOrder(a, b, c, d);
    }
  }

  /** The ids of every page of {@code first}, following the cursor. */
  private List<UUID> allPages(TaskQuery first) {
    List<UUID> ids = new ArrayList<>();
    TaskQuery query = first;
    while (true) {
      TaskPage page = store.page(query);
      page.tasks().forEach(t -> ids.add(UUID.fromString(t.id())));
      if (page.next().isEmpty()) {
        return ids;
      }
      query =
          new TaskQuery(
              query.queue(),
              query.states(),
              query.type(),
              query.from(),
              query.to(),
              query.text(),
              query.errorPattern(),
              query.sort(),
              query.ascending(),
              page.next(),
              query.limit());
    }
  }

  private TaskQuery query(
      Optional<Instant> from,
      Optional<Instant> to,
      Optional<String> type,
      Set<String> states,
      Optional<String> text) {
    return new TaskQuery(
        Optional.of(queue),
        states,
        type,
        from,
        to,
        text,
        Optional.empty(),
        TaskSort.CREATED_AT,
        false,
        Optional.empty(),
        1);
  }

  private void weeks(String... mondays) {
    for (String monday : mondays) {
      Instant start = new HistoryWeek(LocalDate.parse(monday)).start();
      store.addWeeks(start, start).orElseThrow();
    }
  }

  /** A task made at {@code created} that succeeded at {@code ended}, or is running if null. */
  private UUID task(String created, String ended) {
    UUID id = TaskIdsAt.at(Instant.parse(created));
    List<TaskEvent> events = new ArrayList<>();
    events.add(submitted(id, created));
    events.add(started(id, created));
    if (ended != null) {
      events.add(succeeded(id, ended));
    }
    store.write(HistoryBatch.of(events));
    return id;
  }

  private UUID failedTask(String created, String error) {
    UUID id = TaskIdsAt.at(Instant.parse(created));
    store.write(
        HistoryBatch.of(
            List.of(
                submitted(id, created),
                new TaskEvent(
                    nextStreamId(),
                    queue,
                    "failed",
                    Instant.parse(created).plusSeconds(1),
                    List.of(id.toString()),
                    Map.of("error", error)))));
    return id;
  }

  private String partitionOf(UUID id) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement("select tableoid::regclass::text from task_history where id = ?")) {
      s.setObject(1, id);
      try (ResultSet r = s.executeQuery()) {
        assertThat(r.next()).as("a row of %s", id).isTrue();
        String partition = r.getString(1);
        assertThat(r.next()).as("one row of %s", id).isFalse();
        return partition;
      }
    }
  }

  private int rowsOf(UUID... ids) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement("select count(*) from task_history where id = any(?)")) {
      s.setArray(1, c.createArrayOf("uuid", ids));
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getInt(1);
      }
    }
  }

  private String plan(TaskQuery query) throws SQLException {
    StringBuilder plan = new StringBuilder();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = HistoryStore.pageSql(query).prepare(c, "explain (costs off) ");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        plan.append(r.getString(1)).append('\n');
      }
    }
    return plan.toString();
  }

  private String nextStreamId() {
    return (streamMs++) + "-0";
  }

  private TaskEvent submitted(UUID id, String at) {
    return new TaskEvent(
        nextStreamId(),
        queue,
        "submitted",
        Instant.parse(at),
        List.of(id.toString()),
        Map.of(
            "types", "it.type",
            "priorities", "3",
            "states", "QUEUED",
            "correlationIds", "[\"order " + id + "\"]"));
  }

  private TaskEvent started(UUID id, String at) {
    return new TaskEvent(
        nextStreamId(),
        queue,
        "started",
        Instant.parse(at),
        List.of(id.toString()),
        Map.of("worker", "w1", "attempts", "1"));
  }

  private TaskEvent succeeded(UUID id, String at) {
    return new TaskEvent(
        nextStreamId(), queue, "succeeded", Instant.parse(at), List.of(id.toString()), Map.of());
  }

  private TaskEvent failed(UUID id, String at) {
    return new TaskEvent(
        nextStreamId(),
        queue,
        "failed",
        Instant.parse(at),
        List.of(id.toString()),
        Map.of("error", "IOException: disk full"));
  }
}
