package dev.taskyard.core.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Runs the engine's scripts. Redisson sends EVALSHA and falls back to EVAL after a Redis restart
 * emptied the script cache (the client must have {@code useScriptCache} on; {@link
 * dev.taskyard.core.Taskyard} checks).
 */
public final class ScriptRunner {
  private final RScript script;

  public ScriptRunner(RedissonClient redisson) {
    this.script = redisson.getScript(StringCodec.INSTANCE);
  }

  /**
   * Runs a script; a negative status code is thrown as {@link ScriptFailure}.
   *
   * @param keys exactly {@link LuaScript#keyCount()} keys
   */
  public ScriptReply run(LuaScript lua, List<String> keys, List<String> args) {
    checkKeys(lua, keys);
    return reply(
        script.eval(
            RScript.Mode.READ_WRITE,
            lua.source(),
            RScript.ReturnType.LIST,
            new ArrayList<>(keys),
            args.toArray()));
  }

  /**
   * Sends a script without waiting for it, so that many calls share the connection's round trips;
   * the stage fails with {@link ScriptFailure} as {@link #run} throws it.
   */
  public CompletionStage<ScriptReply> runAsync(
      LuaScript lua, List<String> keys, List<String> args) {
    checkKeys(lua, keys);
    return script
        .<List<Object>>evalAsync(
            RScript.Mode.READ_WRITE,
            lua.source(),
            RScript.ReturnType.LIST,
            new ArrayList<>(keys),
            args.toArray())
        .thenApply(ScriptRunner::reply);
  }

  private static void checkKeys(LuaScript lua, List<String> keys) {
    if (keys.size() != lua.keyCount()) {
      throw new IllegalArgumentException(
          lua.fileName() + " takes " + lua.keyCount() + " keys, got " + keys.size());
    }
  }

  private static ScriptReply reply(List<Object> reply) {
    long status = ((Number) reply.get(0)).longValue();
    if (status < 0) {
      throw new ScriptFailure(ScriptError.of(status), new ScriptReply(reply));
    }
    return new ScriptReply(reply);
  }
}
