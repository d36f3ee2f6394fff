package dev.taskyard.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ControlCharactersTest {

  @Test
  void refusingNamesTheFieldAndThePosition() {
    assertThatThrownBy(() -> ControlCharacters.refuse("correlationId", "a\u0000b"))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("correlationId"))
        .hasMessageContaining("U+0000 at index 1");
  }

  @Test
  void textWithoutControlCharactersPassesUnchanged() {
    assertThat(ControlCharacters.refuse("f", "Grüße, 世界 ✓")).isEqualTo("Grüße, 世界 ✓");
    assertThat(ControlCharacters.refuse("f", null)).isNull();
  }

  @Test
  void outputKeepsLineBreaksAndTabsAndReplacesEveryOtherControlCharacter() {
    assertThat(ControlCharacters.replace("boom\u0000 at\n\tline 1\r\n\u001b[31m\u007f\u0085"))
        .isEqualTo("boom\uFFFD at\n\tline 1\r\n\uFFFD[31m\uFFFD\uFFFD");
  }

  @Test
  void outputOfSafeTextIsTheSameInstance() {
    String text = "no trouble here\n";
    assertThat(ControlCharacters.replace(text)).isSameAs(text);
    assertThat(ControlCharacters.replace(null)).isNull();
  }
}
