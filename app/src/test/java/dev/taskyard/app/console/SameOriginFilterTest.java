package dev.taskyard.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SameOriginFilterTest {

  @ParameterizedTest(name = "Origin {0}, Host {1}: {2}")
  @CsvSource(
      nullValues = "none",
      value = {
        "http://localhost:8080, localhost:8080, true",
        "https://TaskYard.example, taskyard.example, true",
        "http://localhost:8081, localhost:8080, false",
        "https://evil.example, localhost:8080, false",
        "null, localhost:8080, false",
        "none, localhost:8080, false",
        "http://localhost:8080, none, false",
        "::not a uri::, localhost:8080, false"
      })
  void onlyAPageOfThisVeryHostMayOpenTheSocket(String origin, String host, boolean allowed) {
    assertThat(SameOriginFilter.sameOrigin(origin, host)).isEqualTo(allowed);
  }
}
