package dev.taskyard.app.queues;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QueueRoundsTest {
  private static final Duration SWEEP = Duration.ofMinutes(5);
  private static final Duration STEP = Duration.ofSeconds(10);
  private static final List<String> QUEUES = List.of("a", "b", "c", "d");

  private final Marks marks = new Marks();
  private final QueueRounds rounds = new QueueRounds(SWEEP);
  private final Instant start = Instant.now();

  @Test
  void theFirstRoundReadsEveryQueue() {
    QueueRounds.Round round = rounds.next(QUEUES, marks, start);

    assertThat(round.full()).isTrue();
    assertThat(round.queues()).isEqualTo(QUEUES);
  }

  @Test
  void betweenSweepsOnlyQueuesMarkedSinceThePreviousRoundOrHoldingTasksAreRead() {
    completeFullRound(start);
    rounds.found("c", true);
    marks.mark("b", start.plus(STEP.dividedBy(2)));

    QueueRounds.Round round = rounds.next(QUEUES, marks, start.plus(STEP));

    assertThat(round.full()).isFalse();
    assertThat(round.queues()).containsExactly("b", "c");
  }

  @Test
  void aQueueFoundEmptyAgainIsNoLongerRead() {
    completeFullRound(start);
    rounds.found("c", true);
    rounds.completed(rounds.next(QUEUES, marks, start.plus(STEP)));
    rounds.found("c", false);

    assertThat(rounds.next(QUEUES, marks, start.plus(STEP.multipliedBy(2))).queues()).isEmpty();
  }

  @Test
  void everyQueueIsReadAgainOnceASweepHasPassed() {
    completeFullRound(start);
    rounds.completed(rounds.next(QUEUES, marks, start.plus(STEP)));

    QueueRounds.Round round = rounds.next(QUEUES, marks, start.plus(SWEEP));

    assertThat(round.full()).isTrue();
    assertThat(round.queues()).isEqualTo(QUEUES);
  }

  @Test
  void aRoundThatFailedLosesNoMark() {
    completeFullRound(start);
    marks.mark("d", start.plus(STEP.dividedBy(2)));
    rounds.next(QUEUES, marks, start.plus(STEP)); // fails before it completes

    assertThat(rounds.next(QUEUES, marks, start.plus(STEP.multipliedBy(2))).queues())
        .containsExactly("d");
  }

  @Test
  void aMarkFromANodeWhoseClockIsBehindIsStillSeen() {
    completeFullRound(start);
    marks.mark("a", start.minus(QueueRounds.CLOCK_MARGIN.dividedBy(2)));

    assertThat(rounds.next(QUEUES, marks, start.plus(STEP)).queues()).containsExactly("a");
  }

  @Test
  void whereNothingMarksEveryRoundReadsEveryQueue() {
    marks.tracked = false;
    completeFullRound(start);

    QueueRounds.Round round = rounds.next(QUEUES, marks, start.plus(STEP));

    assertThat(round.full()).isTrue();
    assertThat(round.queues()).isEqualTo(QUEUES);
  }

  private void completeFullRound(Instant at) {
    QueueRounds.Round round = rounds.next(QUEUES, marks, at);
    assertThat(round.full()).isTrue();
    rounds.completed(round);
  }

  /** The marks the archivers would have made, kept here instead of in Redis. */
  private static final class Marks extends ActiveQueues {
    private final Map<String, Instant> seen = new HashMap<>();
    boolean tracked = true;

    void mark(String queue, Instant at) {
      seen.put(queue, at);
    }

    @Override
    public Set<String> seenSince(Instant since) {
      Set<String> found = new HashSet<>();
      seen.forEach((q, at) -> found.addAll(at.isBefore(since) ? Set.of() : Set.of(q)));
      return found;
    }

    @Override
    public boolean tracked() {
      return tracked;
    }
  }
}
