package dev.taskyard.core.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.redisson.api.BatchOptions;
import org.redisson.api.BatchResult;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisNoScriptException;
import org.redisson.client.codec.StringCodec;

/**
 * Runs the engine's scripts. Redisson sends EVALSHA and falls back to EVAL after a Redis restart
 * emptied the script cache (the client must have {@code useScriptCache} on; {@link
 * dev.taskyard.core.Taskyard} checks).
 */
public final class ScriptRunner {
  private final RedissonClient redisson;
  private final RScript script;

  public ScriptRunner(RedissonClient redisson) {
    this.redisson = redisson;
    this.script = redisson.getScript(StringCodec.INSTANCE);
  }

  /** A script's reply and how many replicas confirmed its writes. */
  public record Replicated(ScriptReply reply, int replicas) {}

  /**
   * Runs a script and then {@code WAIT 1 <timeout>} on the same connection (WAIT counts the
   * replicas that have this connection's writes), so the reply comes once a replica has the
   * script's writes, or the timeout passed. Redisson does not fail when fewer replicas confirmed:
   * the caller reads {@link Replicated#replicas()}.
   *
   * @throws ScriptFailure as {@link #run} does; a refused script wrote nothing to replicate
   */
  public Replicated runReplicated(
      LuaScript lua, List<String> keys, List<String> args, Duration timeout) {
    checkKeys(lua, keys);
    try {
      return runInBatch(lua, keys, args, timeout);
    } catch (RedisNoScriptException e) {
      // A batch trusts Redisson's per-address record of loaded scripts, which a server restarted
      // at the same address (an old master back as a replica, promoted later) no longer has.
      // NOSCRIPT means the script did not run: load it and send once more.
      script.scriptLoad(lua.source()); // on every master
      return runInBatch(lua, keys, args, timeout);
    }
  }

  private Replicated runInBatch(
      LuaScript lua, List<String> keys, List<String> args, Duration timeout) {
    RBatch batch = redisson.createBatch(BatchOptions.defaults().sync(1, timeout));
    RFuture<List<Object>> reply =
        batch
            .getScript(StringCodec.INSTANCE)
            .evalAsync(
                RScript.Mode.READ_WRITE,
                lua.source(),
                RScript.ReturnType.LIST,
                new ArrayList<>(keys),
                args.toArray());
    BatchResult<?> result = batch.execute();
    return new Replicated(reply(reply.toCompletableFuture().join()), result.getSyncedSlaves());
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
