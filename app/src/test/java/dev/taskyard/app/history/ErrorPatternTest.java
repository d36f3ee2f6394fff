package dev.taskyard.app.history;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorPatternTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          timeout after 1234 ms                                  | timeout after * ms
          timeout after 998 ms                                   | timeout after * ms
          took 2.5 s of 3 allowed                                | took * s of * allowed
          no file 'report 2026-11.pdf' in "/data/in 7"           | no file '*' in "*"
          order 5f0c2a1e-93b4-4d7a-8e1f-0a2b3c4d5e6f not found   | order * not found
          segfault at 0x7ffd2a10 (code 0XBEEF)                   | segfault at * (code *)
          IOException: disk full on /data                        | IOException: disk full on /data
          empty '' value                                         | empty '*' value
          """)
  void variablePartsBecomeAStar(String message, String pattern) {
    assertThat(ErrorPattern.of(message)).isEqualTo(pattern);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          timeout after 1234 ms          | timeout after 998 ms
          user 'ann' has no role 'admin' | user 'bob' has no role 'viewer'
          """)
  void messagesThatDifferOnlyInVariablePartsShareAPattern(String one, String other) {
    assertThat(ErrorPattern.of(one)).isEqualTo(ErrorPattern.of(other));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          timeout after 5 ms   | timeout before 5 ms
          disk full on /data   | disk full on /logs
          """)
  void messagesThatDifferInWordsDoNot(String one, String other) {
    assertThat(ErrorPattern.of(one)).isNotEqualTo(ErrorPattern.of(other));
  }

  @Test
  void aLongMessageIsCutByCharactersBeforeItIsShaped() {
    String message = "\uD83D\uDE00".repeat(ErrorPattern.MAX_LENGTH + 10);

    assertThat(ErrorPattern.of(message).codePointCount(0, ErrorPattern.of(message).length()))
        .isEqualTo(ErrorPattern.MAX_LENGTH);
  }

  @Test
  void theSqlExpressionTakesEachRuleAndItsReplacement() {
    assertThat(ErrorPattern.sql("error"))
        .startsWith("regexp_replace(".repeat(ErrorPattern.RULES.size()) + "left(error, 500)");
    assertThat(ErrorPattern.sqlParameters()).hasSize(2 * ErrorPattern.RULES.size());
  }
}
