package dev.taskyard.core.redis;

import dev.taskyard.core.events.EventLog;
import dev.taskyard.core.stats.HistogramBuckets;
import dev.taskyard.core.task.TaskPriority;
import dev.taskyard.core.task.TaskTransitions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The engine's Lua scripts, loaded from {@code lua/<name>-<keys>.lua}. Lines {@code --@include x}
 * inline {@code lua/includes/x.lua}; {@code {{NAME}}} placeholders are rendered from the Java
 * classes that own the rule, so Lua and Java cannot disagree.
 */
public enum LuaScript {
  SUBMIT_TASKS("submitTasks-9"),
  CLAIM_TASKS("claimTasks-9"),
  COMPLETE_TASKS("completeTasks-6"),
  FAIL_TASKS("failTasks-9"),
  EXTEND_LEASES("extendLeases-2"),
  RELEASE_TASKS("releaseTasks-6"),
  REPORT_PROGRESS("reportProgress-2"),
  MAINTAIN_QUEUE("maintainQueue-9"),
  QUEUE_STATUS("queueStatus-7"),
  RETRY_TASKS("retryTasks-8"),
  CANCEL_TASKS("cancelTasks-9"),
  DRAIN_QUEUE("drainQueue-9"),
  DELETE_QUEUE("deleteQueue-17"),
  PROMOTE_TASK("promoteTask-6"),
  REPRIORITIZE_TASK("reprioritizeTask-4"),
  MOVE_TASK("moveTask-5"),
  DELETE_TASK("deleteTask-6"),
  REGISTER_QUEUE("registerQueue-1"),
  ACQUIRE_PERMITS("acquirePermits-2"),
  UPDATE_QUEUE_CONFIG("updateQueueConfig-2"),
  REGISTER_CHILD("registerChild-2"),
  UNREGISTER_CHILD("unregisterChild-1"),
  RESOLVE_DEPENDENCY("resolveDependency-8"),
  SAVE_SCHEDULE("saveSchedule-5"),
  READ_SCHEDULES("readSchedules-2"),
  FIRE_SCHEDULE("fireSchedule-9"),
  BEAT_WORKER("beatWorker-2"),
  LIST_WORKERS("listWorkers-2");

  private final String fileName;
  private final int keyCount;
  private final String source;

  LuaScript(String fileName) {
    this.fileName = fileName;
    this.keyCount = Integer.parseInt(fileName.substring(fileName.lastIndexOf('-') + 1));
    this.source = render(read(fileName));
  }

  public String fileName() {
    return fileName;
  }

  public int keyCount() {
    return keyCount;
  }

  /** The script as sent to Redis: includes inlined, placeholders filled. */
  public String source() {
    return source;
  }

  private static String render(String text) {
    String included =
        Syntax.INCLUDE
            .matcher(text)
            .replaceAll(m -> Matcher.quoteReplacement(read("includes/" + m.group(1))));
    Map<String, String> values =
        Map.of(
            "TRANSITIONS", TaskTransitions.asLuaTable(),
            "BUCKETS", HistogramBuckets.asLuaTable(),
            "MAX_PRIORITY", Integer.toString(TaskPriority.MAX),
            "EVENTS_MAX_LEN", Long.toString(EventLog.MAX_LENGTH),
            "REQUEST_MEMORY_MS", Long.toString(Requests.MEMORY.toMillis()));
    return Syntax.PLACEHOLDER
        .matcher(included)
        .replaceAll(
            m -> {
              String value = values.get(m.group(1));
              if (value == null) {
                throw new IllegalStateException("Unknown placeholder " + m.group());
              }
              return Matcher.quoteReplacement(value);
            });
  }

  private static String read(String name) {
    String path = "lua/" + name + ".lua";
    try (InputStream in = LuaScript.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("Missing Lua script " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Held apart: enum constants are built before the enum's own static fields. */
  private static final class Syntax {
    static final Pattern INCLUDE = Pattern.compile("(?m)^--@include (\\w+)$");
    static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");
  }
}
