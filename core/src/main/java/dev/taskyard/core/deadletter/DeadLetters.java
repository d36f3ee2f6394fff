package dev.taskyard.core.deadletter;

import dev.taskyard.core.InvalidInputException;
import dev.taskyard.core.control.QueueNames;
import dev.taskyard.core.control.UnknownQueueException;
import dev.taskyard.core.redis.LuaScript;
import dev.taskyard.core.redis.QueueKeys;
import dev.taskyard.core.redis.ScriptError;
import dev.taskyard.core.redis.ScriptFailure;
import dev.taskyard.core.redis.ScriptReply;
import dev.taskyard.core.redis.ScriptRunner;
import dev.taskyard.core.task.TaskLookup;
import dev.taskyard.core.task.TaskRecord;
import java.util.ArrayList;
import java.util.List;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/** Lists and replays the tasks that ended FAILED or EXPIRED. */
public final class DeadLetters {
  public static final int MAX_PAGE = 1000;

  private final RedissonClient redisson;
  private final ScriptRunner scripts;
  private final TaskLookup lookup;

  public DeadLetters(RedissonClient redisson, ScriptRunner scripts, TaskLookup lookup) {
    this.redisson = redisson;
    this.scripts = scripts;
    this.lookup = lookup;
  }

  public long count(String queue) {
    return redisson
        .getScoredSortedSet(new QueueKeys(QueueNames.check(queue)).dead(), StringCodec.INSTANCE)
        .size();
  }

  /** Dead-lettered tasks, most recent first. */
  public List<TaskRecord> list(String queue, int offset, int limit) {
    QueueNames.check(queue);
    if (offset < 0) {
      throw new InvalidInputException("offset", "must not be negative");
    }
    if (limit < 1 || limit > MAX_PAGE) {
      throw new InvalidInputException("limit", "must be 1-" + MAX_PAGE);
    }
    List<String> ids =
        new ArrayList<>(
            redisson
                .<String>getScoredSortedSet(new QueueKeys(queue).dead(), StringCodec.INSTANCE)
                .valueRangeReversed(offset, offset + limit - 1));
    return lookup.findAll(queue, ids);
  }

  /** Puts the given dead-lettered tasks back in the queue with fresh attempts. */
  public List<String> replay(String queue, List<String> ids) {
    QueueNames.check(queue);
    if (ids == null || ids.isEmpty()) {
      throw new InvalidInputException("ids", "must name at least one task");
    }
    List<String> args =
        new ArrayList<>(List.of(new QueueKeys(queue).wakeChannel(), "dead-ids", "0"));
    args.addAll(ids);
    return run(queue, args);
  }

  /** Replays the oldest {@code limit} dead-lettered tasks. */
  public List<String> replayAll(String queue, int limit) {
    QueueNames.check(queue);
    if (limit < 1) {
      throw new InvalidInputException("limit", "must be at least 1");
    }
    return run(queue, List.of(new QueueKeys(queue).wakeChannel(), "dead", Integer.toString(limit)));
  }

  private List<String> run(String queue, List<String> args) {
    QueueKeys k = new QueueKeys(queue);
    ScriptReply reply;
    try {
      reply =
          scripts.run(
              LuaScript.RETRY_TASKS,
              List.of(
                  k.dead(),
                  k.queued(),
                  k.stats(),
                  k.events(),
                  k.taskPrefix(),
                  k.config(),
                  k.finished()),
              args);
    } catch (ScriptFailure e) {
      if (e.error() == ScriptError.QUEUE_NOT_REGISTERED) {
        throw new UnknownQueueException(queue);
      }
      throw e;
    }
    List<String> replayed = new ArrayList<>();
    for (int i = 0; i + 1 < reply.size(); i += 2) {
      if (reply.number(i + 1) == 0) {
        replayed.add(reply.string(i));
      }
    }
    return replayed;
  }
}
