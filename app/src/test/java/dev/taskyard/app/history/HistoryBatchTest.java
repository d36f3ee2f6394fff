package dev.taskyard.app.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskyard.core.events.TaskEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistoryBatchTest {
  private static final String A = "0193a0c0-0000-7000-8000-000000000001";
  private static final String B = "0193a0c0-0000-7000-8000-000000000002";

  @Test
  void eventsOfOneTaskFoldIntoItsLatestState() {
    HistoryBatch batch =
        HistoryBatch.of(
            List.of(
                event(
                    "1-0",
                    "submitted",
                    List.of(A, B),
                    Map.of(
                        "types", "a.b c.d",
                        "priorities", "5 0",
                        "states", "QUEUED SCHEDULED",
                        "correlationIds", "[\"order 1\",\"\"]")),
                event("2-0", "started", List.of(A), Map.of("worker", "w1", "attempts", "1")),
                event("3-0", "retrying", List.of(A), Map.of("error", "boom", "runAt", "9")),
                event("4-0", "started", List.of(A), Map.of("worker", "w2", "attempts", "2")),
                event("5-0", "succeeded", List.of(A), Map.of()),
                event("5-1", "progress", List.of(B), Map.of("percents", "50"))));

    TaskChange a = change(batch, A);
    assertThat(a.type).isEqualTo("a.b");
    assertThat(a.priority).isEqualTo(5);
    assertThat(a.correlationId).isEqualTo("order 1");
    assertThat(a.state).isEqualTo("SUCCEEDED");
    assertThat(a.attempts).isEqualTo(2);
    assertThat(a.worker).isEqualTo("w2");
    assertThat(a.error).isEqualTo("boom");
    assertThat(a.finishedAt).isEqualTo(Instant.ofEpochMilli(5));
    assertThat(a.position).isEqualTo(new StreamPosition(5, 0));
    TaskChange b = change(batch, B);
    assertThat(b.state).isEqualTo("SCHEDULED");
    assertThat(b.correlationId).isNull();
    assertThat(b.position).isEqualTo(new StreamPosition(1, 0));
    assertThat(batch.transitions())
        .extracting(Transition::event)
        .containsExactly("submitted", "submitted", "started", "retrying", "started", "succeeded");
  }

  @Test
  void aRetryAfterTheEndClearsTheEndTime() {
    HistoryBatch batch =
        HistoryBatch.of(
            List.of(
                event("1-0", "failed", List.of(A), Map.of("error", "x")),
                event("2-0", "replayed", List.of(A), Map.of())));

    assertThat(change(batch, A).state).isEqualTo("QUEUED");
    assertThat(change(batch, A).finishedAt).isNull();
  }

  @Test
  void eachTaskKeepsTheUsageOfItsLastMeasuredAttempt() {
    HistoryBatch batch =
        HistoryBatch.of(
            List.of(
                event("1-0", "retrying", List.of(A), Map.of("cpu", "10", "alloc", "100")),
                event("2-0", "retrying", List.of(B), Map.of("cpu", "20", "alloc", "200")),
                event("3-0", "succeeded", List.of(A, B), Map.of("cpu", "- 30", "alloc", "- -")),
                event("4-0", "cancelled", List.of(A), Map.of())));

    assertThat(change(batch, A).cpuTimeMicros).isEqualTo(10);
    assertThat(change(batch, A).allocatedBytes).isEqualTo(100);
    assertThat(change(batch, A).usagePosition).isEqualTo(new StreamPosition(1, 0));
    assertThat(change(batch, B).cpuTimeMicros).isEqualTo(30);
    assertThat(change(batch, B).allocatedBytes).isNull();
    assertThat(change(batch, B).usagePosition).isEqualTo(new StreamPosition(3, 0));
  }

  @Test
  void eventsWrittenBeforeUsageWasCarriedLeaveItUnset() {
    HistoryBatch batch = HistoryBatch.of(List.of(event("1-0", "succeeded", List.of(A), Map.of())));

    assertThat(change(batch, A).cpuTimeMicros).isNull();
    assertThat(change(batch, A).allocatedBytes).isNull();
    assertThat(change(batch, A).usagePosition).isNull();
  }

  @Test
  void queueEventsAreNotHistory() {
    assertThat(
            HistoryBatch.of(List.of(event("1-0", "queue-paused", List.of(), Map.of()))).isEmpty())
        .isTrue();
  }

  @Test
  void streamPositionsOrderLikeRedis() {
    assertThat(StreamPosition.parse("10-2")).isGreaterThan(StreamPosition.parse("10-1"));
    assertThat(StreamPosition.parse("11-0")).isGreaterThan(StreamPosition.parse("10-99"));
    assertThat(StreamPosition.parse("7")).isEqualTo(new StreamPosition(7, 0));
  }

  private static TaskChange change(HistoryBatch batch, String id) {
    return batch.changes().stream().filter(c -> c.id.equals(id)).findFirst().orElseThrow();
  }

  private static TaskEvent event(String id, String type, List<String> ids, Map<String, String> d) {
    long ms = StreamPosition.parse(id).ms();
    return new TaskEvent(id, "q", type, Instant.ofEpochMilli(ms), ids, d);
  }
}
