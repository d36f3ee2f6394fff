package dev.taskyard.core.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskyard.core.events.EventLog;
import dev.taskyard.core.stats.HistogramBuckets;
import dev.taskyard.core.task.TaskPriority;
import dev.taskyard.core.task.TaskTransitions;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LuaScriptTest {
  private static final Pattern HEADER = Pattern.compile("(?s)--\\[\\[(.*?)]]");
  private static final Pattern KEY_INDEX = Pattern.compile("KEYS\\[(\\d+)]");

  /**
   * A placeholder name, also near-misses ({@code {{ MAX }}}); common.lua's comment {{...}} is not.
   */
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*[\\w-]+\\s*}}");

  private static final Pattern INCLUDE_LINE = Pattern.compile("(?m)^\\s*--@include\\b");
  private static final Pattern BLOCK_COMMENT = Pattern.compile("(?s)--\\[\\[.*?]]");
  private static final Pattern LINE_COMMENT = Pattern.compile("--[^\n]*");
  private static final Pattern LOCAL_FUNCTION = Pattern.compile("local function (\\w+)\\(");

  @ParameterizedTest
  @EnumSource(LuaScript.class)
  void sourceLoadsFromTheFileNamedWithItsKeyCount(LuaScript script) {
    assertThat(script.source()).isNotBlank().contains("return");
    assertThat(script.fileName()).matches("[a-z][A-Za-z]+-\\d+").endsWith("-" + script.keyCount());
    assertThat(script.keyCount()).isPositive();
  }

  @ParameterizedTest
  @EnumSource(LuaScript.class)
  void noPlaceholderOrIncludeIsLeftUnrendered(LuaScript script) {
    String source = script.source();

    assertThat(PLACEHOLDER.matcher(source).find()).as("placeholder left in %s", script).isFalse();
    assertThat(withoutComments(source)).as("code of %s", script).doesNotContain("{{");
    assertThat(INCLUDE_LINE.matcher(source).find()).as("include left in %s", script).isFalse();
  }

  @ParameterizedTest
  @EnumSource(LuaScript.class)
  void scriptStartsByBindingRcall(LuaScript script) {
    assertThat(script.source()).startsWith("local rcall = redis.call\n");
  }

  @ParameterizedTest
  @EnumSource(LuaScript.class)
  void headerDocumentsEveryKeyTheScriptTakes(LuaScript script) {
    String header = header(script);

    for (int n = 1; n <= script.keyCount(); n++) {
      assertThat(header).as("header of %s", script).contains("KEYS[" + n + "]");
    }
  }

  @ParameterizedTest
  @EnumSource(LuaScript.class)
  void noKeyBeyondTheKeyCountIsUsed(LuaScript script) {
    List<Integer> used = new ArrayList<>();
    Matcher m = KEY_INDEX.matcher(script.source());
    while (m.find()) {
      used.add(Integer.parseInt(m.group(1)));
    }

    assertThat(used).as("KEYS indexes of %s", script).isNotEmpty();
    assertThat(used).allSatisfy(n -> assertThat(n).isBetween(1, script.keyCount()));
  }

  @ParameterizedTest
  @EnumSource(LuaScript.class)
  void everyHelperTheScriptCallsIsDefinedInIt(LuaScript script) {
    String code = withoutComments(script.source());
    Set<String> defined = new TreeSet<>();
    Matcher d = LOCAL_FUNCTION.matcher(code);
    while (d.find()) {
      defined.add(d.group(1));
    }

    for (String helper : commonHelpers()) {
      if (Pattern.compile("\\b" + helper + "\\(").matcher(code).find()) {
        assertThat(defined).as("%s calls %s", script, helper).contains(helper);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(LuaScript.class)
  void includedRulesAreTheJavaOnes(LuaScript script) {
    if (!script.source().contains("local function canMove")) {
      return; // does not include common.lua
    }

    assertThat(script.source())
        .contains("local MAX_PRIORITY = " + TaskPriority.MAX + "\n")
        .contains("local ALLOWED = " + TaskTransitions.asLuaTable() + "\n")
        .contains("local BUCKETS = " + HistogramBuckets.asLuaTable() + "\n")
        .contains("local EVENTS_MAX_LEN = " + EventLog.MAX_LENGTH + "\n");
  }

  @Test
  void scriptsThatChangeTaskStateIncludeTheTransitionTable() {
    for (LuaScript script :
        List.of(
            LuaScript.SUBMIT_TASKS,
            LuaScript.CLAIM_TASKS,
            LuaScript.COMPLETE_TASKS,
            LuaScript.FAIL_TASKS,
            LuaScript.RELEASE_TASKS,
            LuaScript.MAINTAIN_QUEUE,
            LuaScript.RETRY_TASKS,
            LuaScript.CANCEL_TASKS,
            LuaScript.PROMOTE_TASK,
            LuaScript.FIRE_SCHEDULE)) {
      assertThat(script.source()).as("%s", script).contains("local ALLOWED = {SCHEDULED={");
    }
  }

  @Test
  void everyKeyOfAQueueCarriesItsHashTag() throws Exception {
    QueueKeys keys = new QueueKeys("orders");
    List<String> produced = new ArrayList<>();
    for (Method method : QueueKeys.class.getDeclaredMethods()) {
      if (!Modifier.isPublic(method.getModifiers())
          || Modifier.isStatic(method.getModifiers())
          || method.getReturnType() != String.class
          || Set.of("queue", "toString").contains(method.getName())) {
        continue;
      }
      Object[] args = new Object[method.getParameterCount()];
      Arrays.fill(args, "t-{7}:x");
      String key = (String) method.invoke(keys, args);
      produced.add(key);
      // Redis Cluster hashes the text between the first '{' and the next '}'.
      int open = key.indexOf('{');
      assertThat(open).as("%s() = %s", method.getName(), key).isNotNegative();
      assertThat(key.substring(open + 1, key.indexOf('}', open)))
          .as("hash tag of %s() = %s", method.getName(), key)
          .isEqualTo("orders");
      assertThat(key).startsWith("ty:{orders}:");
    }

    assertThat(produced).hasSizeGreaterThanOrEqualTo(14).doesNotHaveDuplicates();
  }

  @Test
  void taskKeysExtendTheirPrefixes() {
    QueueKeys keys = new QueueKeys("orders");

    assertThat(keys.task("t-1")).isEqualTo(keys.taskPrefix() + "t-1");
    assertThat(keys.taskPrefix()).isNotEqualTo(keys.idempotencyPrefix());
    assertThat(new QueueKeys("other").queued()).isNotEqualTo(keys.queued());
  }

  private static String header(LuaScript script) {
    Matcher m = HEADER.matcher(script.source());
    assertThat(m.find()).as("%s has a --[[ header ]]", script).isTrue();
    return m.group(1);
  }

  private static String withoutComments(String lua) {
    return LINE_COMMENT.matcher(BLOCK_COMMENT.matcher(lua).replaceAll("")).replaceAll("");
  }

  private static Set<String> commonHelpers() {
    try (InputStream in = LuaScript.class.getResourceAsStream("lua/includes/common.lua")) {
      assertThat(in).as("common.lua").isNotNull();
      Matcher m = LOCAL_FUNCTION.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      Set<String> helpers = new TreeSet<>();
      while (m.find()) {
        helpers.add(m.group(1));
      }
      assertThat(helpers).contains("nowMs", "canMove", "emit");
      return helpers;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
