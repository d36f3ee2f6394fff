package dev.taskyard.app.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskyard.app.history.TaskInsights;
import dev.taskyard.app.queues.DashboardRange;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InsightsCacheTest {
  private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

  private final InsightsCache cache = new InsightsCache();
  private final AtomicInteger reads = new AtomicInteger();

  private TaskInsights read(DashboardRange range, Optional<String> queue, Instant at) {
    return cache.get(
        range,
        queue,
        at,
        () -> {
          reads.incrementAndGet();
          return new TaskInsights(
              at.minus(range.length()), at, queue.orElse(null), List.of(), List.of());
        });
  }

  @Test
  void aShortRangeIsReadEveryTime() {
    read(DashboardRange.HOUR_1, Optional.empty(), NOW);
    read(DashboardRange.HOUR_1, Optional.empty(), NOW);

    assertThat(reads).hasValue(2);
  }

  @Test
  void aDaysInsightsAreKeptForA120thOfADayThenReadAgain() {
    TaskInsights first = read(DashboardRange.HOURS_24, Optional.empty(), NOW);

    assertThat(read(DashboardRange.HOURS_24, Optional.empty(), NOW.plus(Duration.ofMinutes(11))))
        .isSameAs(first);
    assertThat(reads).hasValue(1);

    TaskInsights later =
        read(DashboardRange.HOURS_24, Optional.empty(), NOW.plus(Duration.ofMinutes(12)));
    assertThat(later).isNotSameAs(first);
    assertThat(later.to()).isEqualTo(NOW.plus(Duration.ofMinutes(12)));
    assertThat(reads).hasValue(2);
  }

  @Test
  void eachQueueAndRangeIsKeptApart() {
    read(DashboardRange.HOURS_24, Optional.empty(), NOW);
    read(DashboardRange.HOURS_24, Optional.of("emails"), NOW);
    read(DashboardRange.DAYS_7, Optional.of("emails"), NOW);
    read(DashboardRange.HOURS_24, Optional.of("emails"), NOW);

    assertThat(reads).hasValue(3);
  }
}
