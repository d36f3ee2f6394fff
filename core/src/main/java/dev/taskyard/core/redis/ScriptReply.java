package dev.taskyard.core.redis;

import java.util.List;

/** A script's flat reply {@code {0, values...}} with typed access to its values. */
public final class ScriptReply {
  private final List<Object> values;

  ScriptReply(List<Object> values) {
    this.values = values;
  }

  /** Number of values after the leading status code. */
  public int size() {
    return values.size() - 1;
  }

  public String string(int index) {
    Object value = values.get(index + 1);
    return value == null ? null : value.toString();
  }

  public long number(int index) {
    Object value = values.get(index + 1);
    return value instanceof Number n ? n.longValue() : Long.parseLong(value.toString());
  }
}
