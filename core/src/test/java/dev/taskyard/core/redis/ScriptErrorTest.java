package dev.taskyard.core.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScriptErrorTest {
  private static final Pattern HEADER = Pattern.compile("(?s)--\\[\\[(.*?)]]");

  /** Whole-reply errors: {@code {-4, capacity} queue full}, {@code {-5} queue not registered}. */
  private static final Pattern ERROR_REPLY =
      Pattern.compile("\\{(-\\d+)(?:, \\w+)*} ([a-z]+(?: [a-z]+)*)");

  /** The part of a header after {@code Returns {0, code1, ...}:} that explains per-item codes. */
  private static final Pattern ITEM_CODES = Pattern.compile("(?s)Returns \\{0, code1[^:]*:(.*)");

  /** A per-item code: {@code -2 lease lost}. */
  private static final Pattern ITEM_CODE =
      Pattern.compile("(?<![\\w-])(-\\d+) ([a-z]+(?: [a-z]+)*)");

  /** Codes the script code returns: {@code return {-5}}, {@code out[#out + 1] = -2}. */
  private static final Pattern RETURNED =
      Pattern.compile("return \\{(-\\d+)|out\\[#out \\+ 1] = (-\\d+)");

  @ParameterizedTest
  @EnumSource(ScriptError.class)
  void codeMapsBackToItsError(ScriptError error) {
    assertThat(ScriptError.of(error.code())).isSameAs(error);
  }

  @Test
  void codesAreNegativeAndDistinct() {
    assertThat(Arrays.stream(ScriptError.values()).map(ScriptError::code))
        .allSatisfy(code -> assertThat(code).isNegative())
        .doesNotHaveDuplicates();
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 1, 2, -8, -99, Long.MIN_VALUE, Long.MAX_VALUE})
  void unknownCodeIsRefused(long code) {
    assertThatThrownBy(() -> ScriptError.of(code))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Unknown script code " + code);
  }

  @Test
  void codeDoesNotOverflowIntoAnotherError() {
    // -2 and -2 + 2^32 are the same int: the lookup must compare the full long.
    assertThatThrownBy(() -> ScriptError.of(-2L + (1L << 32)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @EnumSource(LuaScript.class)
  void everyCodeAScriptDocumentsIsAnErrorOfTheSameName(LuaScript script) {
    Map<Integer, String> documented = documentedCodes(script);

    documented.forEach(
        (code, meaning) -> {
          assertThatCode(() -> ScriptError.of(code))
              .as("%s documents %d %s", script, code, meaning)
              .doesNotThrowAnyException();
          assertThat(ScriptError.of(code).name())
              .as("%s documents %d as '%s'", script, code, meaning)
              .isEqualTo(meaning.toUpperCase(Locale.ROOT).replace(' ', '_'));
        });
  }

  @ParameterizedTest
  @EnumSource(LuaScript.class)
  void everyCodeAScriptReturnsIsDocumentedInItsHeader(LuaScript script) {
    Map<Integer, String> documented = documentedCodes(script);
    String body = script.source().substring(script.source().indexOf("]]"));

    Matcher m = RETURNED.matcher(body);
    while (m.find()) {
      int code = Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2));
      assertThat(documented).as("codes documented by %s", script).containsKey(code);
    }
  }

  @Test
  void headersDocumentTheCodesTheEngineHandles() {
    // Guards the two tests above against parsing nothing at all.
    assertThat(documentedCodes(LuaScript.SUBMIT_TASKS))
        .containsEntry(-4, "queue full")
        .containsEntry(-5, "queue not registered");
    assertThat(documentedCodes(LuaScript.COMPLETE_TASKS)).containsEntry(-2, "lease lost");
    assertThat(documentedCodes(LuaScript.FAIL_TASKS)).containsEntry(-2, "lease lost");
    // claimTasks' -1 and -2 are values of "next", not error codes.
    assertThat(documentedCodes(LuaScript.CLAIM_TASKS)).containsOnlyKeys(-5);
  }

  private static Map<Integer, String> documentedCodes(LuaScript script) {
    Matcher h = HEADER.matcher(script.source());
    assertThat(h.find()).as("%s has a header", script).isTrue();
    String header = h.group(1);
    Map<Integer, String> codes = new TreeMap<>();
    Matcher e = ERROR_REPLY.matcher(header);
    while (e.find()) {
      codes.put(Integer.parseInt(e.group(1)), e.group(2));
    }
    Matcher items = ITEM_CODES.matcher(header);
    if (items.find()) {
      Matcher c = ITEM_CODE.matcher(items.group(1));
      while (c.find()) {
        codes.put(Integer.parseInt(c.group(1)), c.group(2));
      }
    }
    return codes;
  }
}
