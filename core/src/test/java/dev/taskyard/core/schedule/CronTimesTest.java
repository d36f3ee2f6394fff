package dev.taskyard.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskyard.core.InvalidInputException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CronTimesTest {
  private static final Instant NOON = Instant.parse("2026-01-07T12:00:00Z"); // a Wednesday

  @Test
  void fiveFieldsAreUnixCronInMinutes() {
    CronTimes every5 = CronTimes.parse("*/5 * * * *", ZoneOffset.UTC);

    assertThat(every5.next(NOON)).isEqualTo("2026-01-07T12:05:00Z");
    assertThat(every5.next(NOON.minusMillis(1))).isEqualTo(NOON);
    assertThat(every5.latest(NOON)).contains(NOON);
    assertThat(every5.latest(NOON.minusMillis(1))).contains(Instant.parse("2026-01-07T11:55:00Z"));
  }

  @Test
  void sixFieldsPutSecondsFirst() {
    CronTimes everySecond = CronTimes.parse("* * * * * *", ZoneOffset.UTC);
    CronTimes every10s = CronTimes.parse("0/10 * * * * *", ZoneOffset.UTC);

    assertThat(everySecond.next(NOON.plusMillis(500))).isEqualTo(NOON.plusSeconds(1));
    assertThat(everySecond.latest(NOON.plusMillis(500))).contains(NOON);
    assertThat(every10s.next(NOON)).isEqualTo(NOON.plusSeconds(10));
  }

  @Test
  void weekdaysAndNamesFollowCron() {
    CronTimes weekdays = CronTimes.parse("0 9 * * MON-FRI", ZoneOffset.UTC);

    // Friday 9:00 is followed by Monday 9:00.
    assertThat(weekdays.next(Instant.parse("2026-01-09T09:00:00Z")))
        .isEqualTo("2026-01-12T09:00:00Z");
  }

  @Test
  void cronIsReadInItsZone() {
    CronTimes berlin = CronTimes.parse("0 9 * * *", ZoneId.of("Europe/Berlin"));

    assertThat(berlin.next(NOON)).isEqualTo("2026-01-08T08:00:00Z"); // winter: UTC+1
    assertThat(berlin.next(Instant.parse("2026-07-07T12:00:00Z")))
        .isEqualTo("2026-07-08T07:00:00Z"); // summer: UTC+2
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        " ",
        "* * * *",
        "* * * * * * *",
        "61 * * * *",
        "* 24 * * *",
        "bogus cron x y z",
        "@daily",
        "0 0 30 2 *"
      })
  void badCronIsRefusedNamingTheField(String cron) {
    assertThatThrownBy(() -> CronTimes.parse(cron, ZoneOffset.UTC))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo("cron");
  }

  @Test
  void cronThatNeverFiresSaysSo() {
    assertThatThrownBy(() -> CronTimes.parse("0 0 30 2 *", ZoneOffset.UTC))
        .hasMessageContaining("never fires");
  }
}
