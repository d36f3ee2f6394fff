package dev.taskyard.app.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BulkMessageTest {

  @Test
  void saysWhatWasDoneWhatWasSkippedAndWhetherMoreMatch() {
    assertThat(BulkMessage.of(TaskBulk.Action.RETRY, new TaskBulk.Outcome(List.of("a"), 0, false)))
        .isEqualTo("1 task retried.");
    assertThat(
            BulkMessage.of(
                TaskBulk.Action.CANCEL, new TaskBulk.Outcome(List.of("a", "b"), 3, true)))
        .isEqualTo(
            "2 tasks cancelled; 3 skipped, as their state did not allow it. More tasks match:"
                + " press again for the next 1000.");
  }
}
