package dev.taskyard.app.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.zaxxer.hikari.HikariDataSource;
import dev.taskyard.app.TestStack;
import dev.taskyard.core.events.TaskEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dashboard's breakdown by type and top errors, computed by the real PostgreSQL. */
class InsightsIT {
  private final String queue = "it-" + UUID.randomUUID().toString().substring(0, 12);
  // Whole seconds an hour back, so every event of a test lies in the past and in one range.
  private final Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3600);
  private final List<TaskEvent> events = new ArrayList<>();
  private int seq;
  private HikariDataSource dataSource;
  private HistoryStore store;

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
  void eachTypeHasItsCountsSuccessRateAverageAndP95RunTime() {
    for (int ms : new int[] {100, 200, 300, 400}) {
      ran("report.build", 0, ms, null);
    }
    ran("mail.send", 1, 40, "timeout after 1234 ms");
    ran("mail.send", 2, 60, null);
    submitted("mail.send", 3); // still queued: counted, no outcome, no run time
    store.write(HistoryBatch.of(events));

    TaskInsights insights = insights(base, base.plusSeconds(60));

    assertThat(insights.types())
        .usingRecursiveFieldByFieldElementComparator(
            RecursiveComparisonConfiguration.builder()
                .withComparatorForType(
                    (x, y) -> Math.abs(x - y) < 1e-6 ? 0 : Double.compare(x, y), Double.class)
                .build())
        .containsExactly(
            new TaskInsights.TypeStats("report.build", 4, 4, 0, 1.0, 250.0, 385.0),
            new TaskInsights.TypeStats("mail.send", 3, 1, 1, 0.5, 50.0, 59.0));
  }

  @Test
  void onlyTasksCreatedInTheRangeCount() {
    ran("report.build", 0, 100, null);
    ran("report.build", 30, 100, null);
    ran("report.build", 60, 100, "late");
    store.write(HistoryBatch.of(events));

    TaskInsights insights = insights(base.plusSeconds(30), base.plusSeconds(60));

    assertThat(insights.types()).extracting(TaskInsights.TypeStats::tasks).containsExactly(1L);
    assertThat(insights.errors()).isEmpty();
  }

  @Test
  void errorsThatDifferInNumbersIdsAndQuotedValuesAreOneGroupWithItsLatestMessage() {
    String a = ran("mail.send", 1, 10, "timeout after 1234 ms");
    String b = ran("report.build", 2, 10, "timeout after 998 ms");
    String c = ran("mail.send", 3, 10, "timeout after 5 ms");
    String disk = ran("report.build", 4, 10, "no space left in '/data/7'");
    ran("mail.send", 5, 10, null);
    store.write(HistoryBatch.of(events));

    TaskInsights insights = insights(base, base.plusSeconds(60));

    assertThat(insights.errors())
        .containsExactly(
            new TaskInsights.ErrorGroup(
                "timeout after * ms",
                "timeout after 5 ms",
                3,
                List.of("mail.send", "report.build"),
                base.plusSeconds(3).plusMillis(10)),
            new TaskInsights.ErrorGroup(
                "no space left in '*'",
                "no space left in '/data/7'",
                1,
                List.of("report.build"),
                base.plusSeconds(4).plusMillis(10)));
    // The task list's error filter finds exactly the tasks of a group.
    assertThat(page("timeout after * ms")).containsExactlyInAnyOrder(a, b, c);
    assertThat(page("no space left in '*'")).containsExactly(disk);
    assertThat(page("timeout after *")).isEmpty();
  }

  @Test
  void postgresqlShapesAnErrorAsErrorPatternDoes() {
    List<String> messages =
        List.of(
            "took 2.5 s of 3 allowed",
            "no file 'report 2026-11.pdf' in \"/data/in 7\"",
            "order 5f0c2a1e-93b4-4d7a-8e1f-0a2b3c4d5e6f not found",
            "segfault at 0x7ffd2a10 (code 0XBEEF)",
            "empty '' value",
            "x".repeat(ErrorPattern.MAX_LENGTH) + " 42");
    for (int i = 0; i < messages.size(); i++) {
      ran("t", i, 10, messages.get(i));
    }
    store.write(HistoryBatch.of(events));

    assertThat(insights(base, base.plusSeconds(60)).errors())
        .extracting(TaskInsights.ErrorGroup::pattern)
        .containsExactlyInAnyOrderElementsOf(messages.stream().map(ErrorPattern::of).toList());
  }

  @Test
  void theErrorLimitKeepsTheMostFrequent() {
    ran("t", 1, 10, "rare");
    ran("t", 2, 10, "often 1");
    ran("t", 3, 10, "often 2");
    store.write(HistoryBatch.of(events));

    assertThat(store.insights(base, base.plusSeconds(60), Optional.of(queue), 1).errors())
        .extracting(TaskInsights.ErrorGroup::pattern, TaskInsights.ErrorGroup::tasks)
        .containsExactly(tuple("often *", 2L));
  }

  private TaskInsights insights(Instant from, Instant to) {
    return store.insights(from, to, Optional.of(queue), 10);
  }

  private List<String> page(String pattern) {
    return store
        .page(
            new TaskQuery(
                Optional.of(queue),
                Set.of("FAILED"),
                Optional.empty(),
                Optional.of(base),
                Optional.of(base.plusSeconds(60)),
                Optional.empty(),
                Optional.of(pattern),
                TaskSort.CREATED_AT,
                false,
                Optional.empty(),
                50))
        .tasks()
        .stream()
        .map(TaskHistory::id)
        .toList();
  }

  /**
   * A task of {@code type} created {@code second}s after the base, started at once, ending after
   * {@code runMs}: failed with {@code error}, or succeeded without one. Its id.
   */
  private String ran(String type, int second, int runMs, String error) {
    String id = submitted(type, second);
    Instant start = base.plusSeconds(second);
    events.add(event(start, "started", id, Map.of("worker", "w1", "attempts", "1")));
    Instant end = start.plus(Duration.ofMillis(runMs));
    events.add(
        error == null
            ? event(end, "succeeded", id, Map.of())
            : event(end, "failed", id, Map.of("error", error)));
    return id;
  }

  /** A task made {@code second}s after the base (its id's time: the task's creation time). */
  private String submitted(String type, int second) {
    String id = TaskIdsAt.at(base.plusSeconds(second)).toString();
    events.add(
        event(
            base.plusSeconds(second),
            "submitted",
            id,
            Map.of("types", type, "priorities", "0", "states", "QUEUED")));
    return id;
  }

  private TaskEvent event(Instant at, String kind, String id, Map<String, String> details) {
    return new TaskEvent(at.toEpochMilli() + "-" + seq++, queue, kind, at, List.of(id), details);
  }
}
