package dev.taskyard.core.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ClaimRoomTest {
  private static final long NO_PATIENCE = 0;
  private static final long NO_WAIT = 0;

  @Test
  void idleWorkerMayClaimTwiceItsThreadsWhileTasksAreShort() throws Exception {
    ClaimRoom room = new ClaimRoom(10);

    assertThat(room.reserve(NO_PATIENCE, NO_WAIT)).isEqualTo(20);
    assertThat(room.reserve(NO_PATIENCE, NO_WAIT)).isZero();
  }

  @Test
  void longTasksAreNotPrefetched() throws Exception {
    ClaimRoom room = new ClaimRoom(10);
    room.reserve(NO_PATIENCE, NO_WAIT);
    for (int i = 0; i < 20; i++) {
      room.finished(TimeUnit.SECONDS.toNanos(1));
    }

    assertThat(room.reserve(NO_PATIENCE, NO_WAIT)).isEqualTo(10);
  }

  @Test
  void smallRoomIsTakenOnceThePatienceIsUsedUp() throws Exception {
    ClaimRoom room = new ClaimRoom(10);
    room.reserve(NO_PATIENCE, NO_WAIT);
    room.finished(1000);
    room.finished(1000);

    // Two free of twenty, less than the preferred batch of ten: taken after the patience.
    assertThat(room.reserve(TimeUnit.MILLISECONDS.toNanos(1), TimeUnit.SECONDS.toNanos(1)))
        .isEqualTo(2);
  }

  @Test
  void unfilledReservationIsGivenBack() throws Exception {
    ClaimRoom room = new ClaimRoom(4);
    int reserved = room.reserve(NO_PATIENCE, NO_WAIT);

    room.unreserve(reserved - 3);

    assertThat(room.reserve(NO_PATIENCE, NO_WAIT)).isEqualTo(reserved - 3);
  }

  @Test
  void resizedRoomGrowsAtOnceAndShrinksAsHeldTasksFinish() throws Exception {
    ClaimRoom room = new ClaimRoom(2);
    assertThat(room.reserve(NO_PATIENCE, NO_WAIT)).isEqualTo(4);

    room.resize(5);
    assertThat(room.reserve(NO_PATIENCE, NO_WAIT)).isEqualTo(6);

    room.resize(1);
    for (int i = 0; i < 8; i++) {
      room.finished(1000);
    }
    assertThat(room.reserve(NO_PATIENCE, NO_WAIT)).as("2 held, limit 2").isZero();
    room.finished(1000);
    assertThat(room.reserve(NO_PATIENCE, NO_WAIT)).isEqualTo(1);
  }

  @Test
  void aRunHoldsOneTaskUntilATaskHasFinished() {
    assertThat(new ClaimRoom(10).tasksWithin(TimeUnit.MILLISECONDS.toNanos(1))).isEqualTo(1);
  }

  @Test
  void aRunHoldsAsManyTasksOfTheAverageLengthAsFitItsTime() throws Exception {
    ClaimRoom room = new ClaimRoom(10);
    room.reserve(NO_PATIENCE, NO_WAIT);
    room.finished(TimeUnit.MICROSECONDS.toNanos(20));

    assertThat(room.tasksWithin(TimeUnit.MICROSECONDS.toNanos(200))).isEqualTo(10);
    assertThat(room.tasksWithin(TimeUnit.MICROSECONDS.toNanos(10))).isEqualTo(1);
  }
}
