package dev.taskyard.app.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskyard.core.events.EventEntry;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatchArchiverTest {

  @Test
  void batchesHoldAtMostTheBudgetOfTasksAndAtLeastOneEntry() {
    List<EventEntry> entries =
        List.of(entry(1000), entry(1000), entry(1), entry(1500), entry(5000), entry(0));

    List<List<EventEntry>> batches = BatchArchiver.batches(entries, 2000);

    assertThat(batches)
        .extracting(b -> b.stream().mapToInt(EventEntry::taskCount).boxed().toList())
        .containsExactly(List.of(1000, 1000), List.of(1, 1500), List.of(5000, 0));
  }

  @Test
  void noEntriesMakeNoBatch() {
    assertThat(BatchArchiver.batches(List.of(), 10)).isEmpty();
  }

  private static EventEntry entry(int tasks) {
    String ids = IntStream.range(0, tasks).mapToObj(i -> "t" + i).collect(Collectors.joining(" "));
    return new EventEntry("q", "1-" + tasks, Map.of("type", "submitted", "at", "1", "ids", ids));
  }
}
