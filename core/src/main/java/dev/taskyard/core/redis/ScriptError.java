package dev.taskyard.core.redis;

import java.util.Arrays;

/** The negative return codes of the Lua scripts (see each script's header). */
public enum ScriptError {
  TASK_NOT_FOUND(-1),
  LEASE_LOST(-2),
  ILLEGAL_TRANSITION(-3),
  QUEUE_FULL(-4),
  QUEUE_NOT_REGISTERED(-5),
  SCHEDULE_EXISTS(-6),
  SCHEDULE_NOT_FOUND(-7),
  QUEUE_NOT_EMPTY(-20),
  HISTORY_BEHIND(-21);

  private final int code;

  ScriptError(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static ScriptError of(long code) {
    return Arrays.stream(values())
        .filter(e -> e.code == code)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Unknown script code " + code));
  }
}
