package dev.taskyard.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConsoleFormatTest {

  @ParameterizedTest(name = "{0} ms reads {1}")
  @CsvSource({
    "0, 0 ms",
    "850, 850 ms",
    "4200, 4.2 s",
    "185000, 3 min 5 s",
    "7800000, 2 h 10 min",
    "97200000, 1 d 3 h"
  })
  void durationsReadAsPeopleSayThem(long millis, String expected) {
    assertThat(ConsoleFormat.describe(Duration.ofMillis(millis))).isEqualTo(expected);
  }
}
