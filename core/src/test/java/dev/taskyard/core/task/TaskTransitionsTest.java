package dev.taskyard.core.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class TaskTransitionsTest {
  /**
   * The state machine as it is meant to be: one row per state, its allowed targets separated by
   * spaces. Any transition added to or removed from {@link TaskTransitions} must be written here.
   */
  private static final String TABLE =
      """
      SCHEDULED | QUEUED CANCELLED
      WAITING   | QUEUED SCHEDULED CANCELLED
      QUEUED    | RUNNING CANCELLED
      RUNNING   | SUCCEEDED SCHEDULED QUEUED FAILED CANCELLED EXPIRED
      SUCCEEDED | ''
      FAILED    | QUEUED
      CANCELLED | QUEUED
      EXPIRED   | QUEUED
      """;

  private static final Pattern LUA_ROW = Pattern.compile("(\\w+)=\\{([^{}]*)}");

  @ParameterizedTest(name = "{0} may move to [{1}] and nowhere else")
  @CsvSource(delimiter = '|', textBlock = TABLE)
  void eachStateMayMoveExactlyToTheTargetsOfItsRow(TaskState from, String targets) {
    Set<TaskState> expected = states(targets);

    for (TaskState to : TaskState.values()) {
      assertThat(TaskTransitions.isAllowed(from, to))
          .as("%s -> %s", from, to)
          .isEqualTo(expected.contains(to));
    }
    assertThat(TaskTransitions.targets(from)).containsExactlyInAnyOrderElementsOf(expected);
  }

  @ParameterizedTest(name = "check refuses every move out of {0} except to [{1}]")
  @CsvSource(delimiter = '|', textBlock = TABLE)
  void checkRefusesEveryMoveNotInTheRowAndAcceptsTheRest(TaskState from, String targets) {
    Set<TaskState> expected = states(targets);

    for (TaskState to : TaskState.values()) {
      if (expected.contains(to)) {
        assertThatCode(() -> TaskTransitions.check("t-1", from, to))
            .as("%s -> %s", from, to)
            .doesNotThrowAnyException();
      } else {
        assertThatThrownBy(() -> TaskTransitions.check("t-1", from, to))
            .as("%s -> %s", from, to)
            .isInstanceOf(IllegalTransitionException.class)
            .hasMessageContaining(from.name())
            .hasMessageContaining(to.name());
      }
    }
  }

  @ParameterizedTest(name = "the Lua table renders the row of {0}")
  @CsvSource(delimiter = '|', textBlock = TABLE)
  void luaTableRendersTheRowOfEachState(TaskState from, String targets) {
    Map<String, Set<String>> lua = parseLuaTable(TaskTransitions.asLuaTable());

    assertThat(lua).containsKey(from.name());
    assertThat(lua.get(from.name()))
        .containsExactlyInAnyOrderElementsOf(
            states(targets).stream().map(Enum::name).collect(Collectors.toSet()));
  }

  @Test
  void tableAboveHasExactlyOneRowPerState() {
    var rows = TABLE.lines().map(l -> l.split("\\|")[0].trim()).map(TaskState::valueOf).toList();

    assertThat(rows).doesNotHaveDuplicates().containsExactlyInAnyOrder(TaskState.values());
  }

  @Test
  void luaTableIsOneTableWithARowPerStateAndNothingElse() {
    String lua = TaskTransitions.asLuaTable();

    assertThat(lua).startsWith("{").endsWith("}").contains("QUEUED={").contains("RUNNING=true");
    assertThat(parseLuaTable(lua).keySet())
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(TaskState.values()).map(Enum::name).toList());
    // Nothing but the rows and their separators: a stray character would break every script.
    assertThat(LUA_ROW.matcher(lua.substring(1, lua.length() - 1)).replaceAll("")).matches(",*");
  }

  @Test
  void refusedMoveNamesTheTaskAndBothStates() {
    assertThatThrownBy(() -> TaskTransitions.check("t-42", TaskState.SUCCEEDED, TaskState.RUNNING))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessage("Task t-42 cannot move from SUCCEEDED to RUNNING");
  }

  @Test
  void runningTaskMayBeRetriedLater() {
    assertThat(TaskTransitions.isAllowed(TaskState.RUNNING, TaskState.SCHEDULED)).isTrue();
  }

  @Test
  void succeededTaskCannotRunAgain() {
    assertThat(TaskTransitions.targets(TaskState.SUCCEEDED)).isEmpty();
  }

  @Test
  void targetsCannotBeChangedByCallers() {
    Set<TaskState> targets = TaskTransitions.targets(TaskState.QUEUED);

    assertThatThrownBy(() -> targets.add(TaskState.SUCCEEDED))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(TaskTransitions.isAllowed(TaskState.QUEUED, TaskState.SUCCEEDED)).isFalse();
  }

  @ParameterizedTest
  @EnumSource(
      value = TaskState.class,
      names = {"SUCCEEDED", "FAILED", "CANCELLED", "EXPIRED"})
  void endedStatesAreFinal(TaskState state) {
    assertThat(state.isFinal()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(
      value = TaskState.class,
      mode = EnumSource.Mode.EXCLUDE,
      names = {"SUCCEEDED", "FAILED", "CANCELLED", "EXPIRED"})
  void pendingAndRunningStatesAreNotFinal(TaskState state) {
    assertThat(state.isFinal()).isFalse();
  }

  @ParameterizedTest
  @EnumSource(TaskState.class)
  void finalStatesLeadOnlyBackToTheQueueAndOthersAlwaysLeadSomewhere(TaskState state) {
    if (state.isFinal()) {
      // Only an operator's retry or replay moves an ended task, and only back to QUEUED.
      assertThat(TaskTransitions.targets(state)).isSubsetOf(TaskState.QUEUED);
    } else {
      assertThat(TaskTransitions.targets(state)).isNotEmpty();
    }
  }

  private static Set<TaskState> states(String spaceSeparated) {
    Set<TaskState> states = EnumSet.noneOf(TaskState.class);
    if (spaceSeparated != null) {
      for (String name : spaceSeparated.trim().split("\\s+")) {
        if (!name.isEmpty()) {
          states.add(TaskState.valueOf(name));
        }
      }
    }
    return states;
  }

  /** {@code {A={B=true,C=true},D={}}} to {A=[B, C], D=[]}. */
  private static Map<String, Set<String>> parseLuaTable(String lua) {
    Map<String, Set<String>> rows = new LinkedHashMap<>();
    Matcher m = LUA_ROW.matcher(lua);
    while (m.find()) {
      Set<String> targets =
          Arrays.stream(m.group(2).split(","))
              .filter(s -> !s.isEmpty())
              .map(
                  s -> {
                    assertThat(s).as("entry of row %s", m.group(1)).endsWith("=true");
                    return s.substring(0, s.length() - "=true".length());
                  })
              .collect(Collectors.toSet());
      assertThat(rows.put(m.group(1), targets)).as("row %s rendered twice", m.group(1)).isNull();
    }
    return rows;
  }
}
