package dev.taskyard.app.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HistoryWeekTest {
  @Test
  void aWeekRunsFromMondayMidnightUtcToTheNext() {
    HistoryWeek week = HistoryWeek.of(Instant.parse("2026-12-13T23:59:59.999Z"));

    assertThat(week.monday()).isEqualTo(LocalDate.parse("2026-12-07"));
    assertThat(week.start()).isEqualTo(Instant.parse("2026-12-07T00:00:00Z"));
    assertThat(week.end()).isEqualTo(Instant.parse("2026-12-14T00:00:00Z"));
    assertThat(HistoryWeek.of(week.end())).isEqualTo(week.next());
  }

  @Test
  void aWeeksPartitionIsNamedAfterItsMonday() {
    HistoryWeek week = new HistoryWeek(LocalDate.parse("2027-01-04"));

    assertThat(week.partition()).isEqualTo("task_history_20270104");
    assertThat(HistoryWeek.ofPartition(week.partition())).contains(week);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "task_history_default",
        "task_history_20261208",
        "task_history_20261399",
        "task_history_2026120",
        "xtask_history_20261207"
      })
  void otherTablesAreNoWeek(String table) {
    assertThat(HistoryWeek.ofPartition(table)).isEmpty();
  }

  @Test
  void aWeekStartsOnAMonday() {
    assertThatThrownBy(() -> new HistoryWeek(LocalDate.parse("2026-12-08")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
