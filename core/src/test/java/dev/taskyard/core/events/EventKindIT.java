package dev.taskyard.core.events;

import static dev.taskyard.core.testing.TaskFixtures.aTask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskyard.core.Taskyard;
import dev.taskyard.core.control.QueueSettings;
import dev.taskyard.core.redis.LuaScript;
import dev.taskyard.core.schedule.ScheduleDefinition;
import dev.taskyard.core.testing.RedisQueue;
import dev.taskyard.core.testing.TestRedis;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link EventKind} covers every kind the scripts emit, and names nothing they do not: kinds
 * written as literals are read from the scripts' sources; the few computed ones are produced by
 * running the operations that emit them and reading the stream.
 */
class EventKindIT {
  // emit(key, <kind>, ...) and emitQueueEvent(key, <kind>, ...), outside their definitions.
  private static final Pattern EMIT =
      Pattern.compile("(?<!function )\\bemit(?:QueueEvent)?\\(\\s*[^,]+,\\s*([^,]+),");
  private static final Pattern LITERAL = Pattern.compile("'([a-z-]+)'");

  // Kinds computed in a script, each produced by an operation below. A new one fails the test
  // until it is produced here too.
  private static final Set<String> COMPUTED = Set.of("ARGV[1]", "'schedule-' .. past[action]");

  @RegisterExtension final RedisQueue queue = new RedisQueue();
  private final Taskyard taskyard = TestRedis.get().taskyard();

  @Test
  void everyKindTheScriptsEmitIsAnEventKindAndEveryEventKindIsEmitted() {
    Set<String> literal = new HashSet<>();
    Set<String> computed = new HashSet<>();
    for (LuaScript script : LuaScript.values()) {
      Matcher emit = EMIT.matcher(script.source());
      while (emit.find()) {
        String kind = emit.group(1).trim();
        Matcher m = LITERAL.matcher(kind);
        if (m.matches()) {
          literal.add(m.group(1));
        } else {
          computed.add(kind);
        }
      }
    }
    assertThat(computed).isSubsetOf(COMPUTED);

    Set<String> emitted = new HashSet<>(literal);
    emitted.addAll(kindsOfTheComputedEmissions());

    assertThat(emitted)
        .allSatisfy(kind -> assertThat(EventKind.of(kind)).as(kind).isPresent())
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(EventKind.values()).map(EventKind::wireName).toList());
  }

  /** Runs what emits the computed kinds (queue settings, pause, schedules) and reads them back. */
  private Set<String> kindsOfTheComputedEmissions() {
    String q = queue.name();
    taskyard.producer().submit(q, aTask());
    taskyard.queues().configure(q, QueueSettings.defaults());
    taskyard.queues().pause(q);
    taskyard.queues().resume(q);
    ScheduleDefinition hourly = ScheduleDefinition.of("0 * * * *", aTask());
    taskyard.schedules().create(q, "s", hourly);
    taskyard.schedules().update(q, "s", hourly);
    taskyard.schedules().pause(q, "s");
    taskyard.schedules().resume(q, "s");
    taskyard.schedules().delete(q, "s");
    return taskyard.events().read(q, "0", 100).stream()
        .map(TaskEvent::type)
        .filter(type -> !type.equals("submitted"))
        .collect(Collectors.toSet());
  }
}
