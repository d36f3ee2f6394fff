package dev.taskyard.core.enqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskyard.core.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTextTest {
  private static final int LIMIT = 1024;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "[]",
        "{\"to\":\"a@example.com\",\"n\":3}",
        "[1,\"two\",null,true,false]",
        "\"just a string\"",
        "42",
        "-1.5e3",
        "true",
        "null",
        "{\"a\":[1,{\"b\":[[],{}]}],\"c\":{\"d\":\"\\u00e9\\n\"}}",
        "  {\"padded\": true}\n",
        "\"caf\u00e9 \u20ac \ud83d\ude00\""
      })
  void singleWellFormedJsonValuePasses(String json) {
    assertThatCode(() -> JsonText.check("payload", json, LIMIT)).doesNotThrowAnyException();
  }

  @Test
  void missingTextIsRejectedAsRequired() {
    assertRejected("result", null, LIMIT).hasMessage("result: is required (JSON text)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\n\t  \r\n"})
  void emptyOrWhitespaceOnlyTextIsRejectedAsEmpty(String text) {
    assertRejected("payload", text, LIMIT).hasMessage("payload: is empty, expected a JSON value");
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("{not json", "is not valid JSON"),
        Arguments.of("{", "is not valid JSON"),
        Arguments.of("[1,]", "is not valid JSON"),
        Arguments.of("{'a': 1}", "is not valid JSON"),
        Arguments.of("NaN", "is not valid JSON"),
        Arguments.of("{} // comment", "is not valid JSON"),
        Arguments.of("{} {}", "has text after the JSON value"),
        Arguments.of("1 2", "has text after the JSON value"),
        Arguments.of("[] \"x\"", "has text after the JSON value"),
        Arguments.of("{} garbage", "is not valid JSON"),
        Arguments.of("{\"a\":1}}", "is not valid JSON"),
        Arguments.of("[1] ]", "is not valid JSON"),
        Arguments.of("123abc", "is not valid JSON"));
  }

  @ParameterizedTest(name = "[{0}] {1}")
  @MethodSource("malformed")
  void textThatIsNotExactlyOneJsonValueIsRejectedSayingWhyAndWhere(String text, String reason) {
    assertRejected("payload", text, LIMIT)
        .hasMessageStartingWith("payload: " + reason)
        .hasMessageContaining("line 1, column ");
  }

  @Test
  void secondValueIsReportedWhereItStarts() {
    assertRejected("payload", "{}\n  {}", LIMIT)
        .hasMessage("payload: has text after the JSON value at line 2, column 4");
  }

  @Test
  void asciiTextExactlyAtTheLimitPasses() {
    String json = "\"" + "a".repeat(LIMIT - 2) + "\"";

    assertThatCode(() -> JsonText.check("payload", json, LIMIT)).doesNotThrowAnyException();
  }

  @Test
  void asciiTextOneByteOverTheLimitIsRejected() {
    String json = "\"" + "a".repeat(LIMIT - 1) + "\"";

    assertRejected("payload", json, LIMIT)
        .hasMessage("payload: is " + (LIMIT + 1) + " bytes, more than the limit of " + LIMIT);
  }

  /** Two-, three- and four-byte characters (the last a surrogate pair), alone and mixed. */
  @ParameterizedTest
  @ValueSource(strings = {"\u00e9", "\u20ac", "\ud83d\ude00", "a\u00e9\u20ac\ud83d\ude00"})
  void limitCountsUtf8BytesNotCharacters(String chars) {
    String json = "\"" + chars.repeat(100) + "\"";
    int bytes = json.getBytes(StandardCharsets.UTF_8).length;
    // Far under the limit in chars, so only a count in bytes can refuse it.
    assertThat(json.length()).isLessThan(bytes - 1);

    assertThatCode(() -> JsonText.check("payload", json, bytes)).doesNotThrowAnyException();
    assertRejected("payload", json, bytes - 1)
        .hasMessage("payload: is " + bytes + " bytes, more than the limit of " + (bytes - 1));
  }

  @Test
  void oversizedTextIsRejectedForItsSizeBeforeBeingParsed() {
    assertRejected("payload", "{not json" + " ".repeat(LIMIT), LIMIT)
        .hasMessageContaining("more than the limit of " + LIMIT);
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> assertRejected(
      String field, String text, int maxBytes) {
    return assertThatThrownBy(() -> JsonText.check(field, text, maxBytes))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field));
  }

  @Test
  void longNamesAndNumbersWithinTheByteLimitPass() {
    String longName = "{\"" + "n".repeat(60_000) + "\":1}";
    String longNumber = "[" + "9".repeat(2_000) + "]";

    assertThatCode(() -> JsonText.check("payload", longName, 1 << 20)).doesNotThrowAnyException();
    assertThatCode(() -> JsonText.check("payload", longNumber, 1 << 20)).doesNotThrowAnyException();
  }

  @Test
  void nestingDeeperThanTheLimitIsRejectedSayingSo() {
    String deep = "[".repeat(JsonText.MAX_NESTING + 1) + "]".repeat(JsonText.MAX_NESTING + 1);

    assertThatThrownBy(() -> JsonText.check("payload", deep, 1 << 20))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("payload: nests JSON deeper than 1000 levels");
  }
}
