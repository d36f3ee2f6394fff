package dev.taskyard.core.redis;

/** A script refused its work with one of the {@link ScriptError} codes; nothing was changed. */
public final class ScriptFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final ScriptError error;
  private final transient ScriptReply reply;

  ScriptFailure(ScriptError error, ScriptReply reply) {
    super("Script refused: " + error);
    this.error = error;
    this.reply = reply;
  }

  public ScriptError error() {
    return error;
  }

  /** The values after the code, such as the capacity of a full queue. */
  public ScriptReply reply() {
    return reply;
  }
}
