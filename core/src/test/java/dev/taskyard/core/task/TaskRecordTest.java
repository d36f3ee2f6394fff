package dev.taskyard.core.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskRecordTest {
  private static TaskRecord task(TaskState state, String... timestamps) {
    Map<String, String> h = new HashMap<>();
    h.put("type", "t");
    h.put("payload", "{}");
    h.put("priority", "0");
    h.put("state", state.name());
    h.put("attempts", "1");
    h.put("maxAttempts", "3");
    h.put("timeoutMs", "30000");
    h.put("createdAt", "0");
    h.put("queuedAt", "0");
    for (int i = 0; i < timestamps.length; i += 2) {
      h.put(timestamps[i], timestamps[i + 1]);
    }
    return TaskRecord.fromHash("q", "id", h);
  }

  @Test
  void durationRunsFromTheClaimToTheOutcome() {
    assertThat(task(TaskState.SUCCEEDED, "startedAt", "1000", "finishedAt", "1250").duration())
        .contains(Duration.ofMillis(250));
    assertThat(task(TaskState.SCHEDULED, "startedAt", "1000", "failedAt", "1040").duration())
        .as("failed attempt, retry pending")
        .contains(Duration.ofMillis(40));
  }

  @Test
  void durationIsOfTheLatestAttemptOnly() {
    assertThat(
            task(TaskState.SUCCEEDED, "failedAt", "900", "startedAt", "1000", "finishedAt", "1300")
                .duration())
        .as("succeeded after a failed attempt")
        .contains(Duration.ofMillis(300));
    assertThat(
            task(TaskState.CANCELLED, "startedAt", "1000", "failedAt", "1040", "finishedAt", "5000")
                .duration())
        .as("cancelled while waiting to retry")
        .contains(Duration.ofMillis(40));
    assertThat(task(TaskState.QUEUED, "startedAt", "1000", "failedAt", "900").duration())
        .as("the only failure came before the latest claim")
        .isEmpty();
  }

  @Test
  void durationIsEmptyWhileRunningOrBeforeAnyClaim() {
    assertThat(task(TaskState.RUNNING, "startedAt", "1000", "failedAt", "1000").duration())
        .isEmpty();
    assertThat(task(TaskState.CANCELLED, "finishedAt", "1000").duration()).isEmpty();
  }

  @Test
  void cpuTimeIsReadInMicroseconds() {
    assertThat(task(TaskState.SUCCEEDED, "cpuTimeMicros", "1500").cpuTime())
        .contains(Duration.ofNanos(1_500_000));
    assertThat(task(TaskState.SUCCEEDED).cpuTime()).isEmpty();
  }

  @Test
  void allocatedBytesAreReadWhereMeasured() {
    assertThat(task(TaskState.FAILED, "allocatedBytes", "10485760").allocatedBytes())
        .contains(10_485_760L);
    assertThat(task(TaskState.FAILED).allocatedBytes()).isEmpty();
  }
}
