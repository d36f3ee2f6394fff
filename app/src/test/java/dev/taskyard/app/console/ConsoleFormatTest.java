package dev.taskyard.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
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

  @ParameterizedTest(name = "{0} bytes read {1}")
  @CsvSource({
    "0, 0 B",
    "1023, 1023 B",
    "1024, 1.0 KiB",
    "10485760, 10.0 MiB",
    "1610612736, 1.5 GiB"
  })
  void sizesReadInBinaryUnits(long bytes, String expected) {
    assertThat(new ConsoleFormat().bytes(bytes)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} µs reads {1}")
  @CsvSource({"420, 420 µs", "1500, 1 ms", "4200000, 4.2 s"})
  void cpuTimesReadInMicrosecondsBelowAMillisecond(long micros, String expected) {
    assertThat(new ConsoleFormat().micros(micros)).isEqualTo(expected);
  }

  @Test
  void unmeasuredValuesReadAsNothing() {
    assertThat(new ConsoleFormat().bytes(null)).isEmpty();
    assertThat(new ConsoleFormat().micros(null)).isEmpty();
  }
}
