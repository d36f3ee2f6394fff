package dev.taskyard.core.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskyard.core.task.TaskState;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TaskEventTest {

  @Test
  void aSubmittedEntryDecodesItsPerTaskFieldsOnce() {
    TaskEvent event =
        TaskEvent.fromEntry(
            "q",
            "5-1",
            Map.of(
                "type", "submitted",
                "at", "5",
                "ids", "a b",
                "types", "x.y z",
                "priorities", "7 0",
                "states", "QUEUED WAITING",
                "correlationIds", "[\"order \\u00e9\",\"\"]"));

    assertThat(event.kind()).contains(EventKind.SUBMITTED);
    TaskEvent.TaskFields fields = event.taskFields();
    assertThat(fields.types()).containsExactly("x.y", "z");
    assertThat(fields.priorities()).containsExactly(7, 0);
    assertThat(fields.states()).containsExactly(TaskState.QUEUED, TaskState.WAITING);
    assertThat(fields.correlationIds()).containsExactly("order é", null);
    assertThat(TaskEvent.TaskFields.at(fields.attempts(), 0)).isNull();
  }

  @Test
  void aSucceededEntryCarriesEachAttemptsUsageWithGapsWhereNotMeasured() {
    TaskEvent event =
        TaskEvent.fromEntry(
            "q",
            "5-1",
            Map.of(
                "type", "succeeded",
                "at", "5",
                "ids", "a b c",
                "cpu", "1500 - 7",
                "alloc", "4096 - -"));

    TaskEvent.TaskFields fields = event.taskFields();
    assertThat(fields.cpuTimeMicros()).containsExactly(1500L, null, 7L);
    assertThat(fields.allocatedBytes()).containsExactly(4096L, null, null);
  }

  @Test
  void anEntryWrittenBeforeUsageWasCarriedDecodesWithoutIt() {
    TaskEvent event =
        TaskEvent.fromEntry("q", "5-1", Map.of("type", "succeeded", "at", "5", "ids", "a b"));

    TaskEvent.TaskFields fields = event.taskFields();
    assertThat(event.taskIds()).containsExactly("a", "b");
    assertThat(TaskEvent.TaskFields.at(fields.cpuTimeMicros(), 1)).isNull();
    assertThat(TaskEvent.TaskFields.at(fields.allocatedBytes(), 1)).isNull();
  }

  @Test
  void usageNotANumberIsMalformed() {
    TaskEvent event =
        TaskEvent.fromEntry(
            "q", "1-0", Map.of("type", "failed", "at", "1", "ids", "a", "cpu", "lots"));

    assertThatThrownBy(event::taskFields).isInstanceOf(MalformedEventException.class);
  }

  @Test
  void anEntryWithoutItsTimeOrWithABadOneIsMalformed() {
    assertThatThrownBy(() -> TaskEvent.fromEntry("q", "1-0", Map.of("type", "queued", "ids", "")))
        .isInstanceOf(MalformedEventException.class);
    assertThatThrownBy(
            () -> TaskEvent.fromEntry("q", "1-0", Map.of("type", "queued", "at", "x", "ids", "")))
        .isInstanceOf(MalformedEventException.class)
        .hasMessageContaining("bad time");
  }

  @Test
  void perTaskFieldsNotOfTheirFormAreMalformed() {
    TaskEvent event =
        TaskEvent.fromEntry(
            "q", "1-0", Map.of("type", "started", "at", "1", "ids", "a", "attempts", "one"));

    assertThatThrownBy(event::taskFields).isInstanceOf(MalformedEventException.class);
  }

  @Test
  void aKindThisVersionDoesNotKnowIsKeptByName() {
    TaskEvent event =
        TaskEvent.fromEntry("q", "1-0", Map.of("type", "teleported", "at", "1", "ids", "a"));

    assertThat(event.kind()).isEmpty();
    assertThat(event.type()).isEqualTo("teleported");
  }

  @ParameterizedTest
  @EnumSource(EventKind.class)
  void everyKindThatMovesATaskNamesItsState(EventKind kind) {
    assertThat(kind.leadsTo().isPresent()).isEqualTo(kind.effect() == EventKind.Effect.STATE);
    assertThat(EventKind.of(kind.wireName())).contains(kind);
  }

  @Test
  void wireNamesAreDistinct() {
    assertThat(Arrays.stream(EventKind.values()).map(EventKind::wireName)).doesNotHaveDuplicates();
  }
}
