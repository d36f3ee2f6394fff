package dev.taskyard.core.deadletter;

import dev.taskyard.core.InvalidInputException;
import dev.taskyard.core.control.QueueNames;
import dev.taskyard.core.control.TaskControl;
import dev.taskyard.core.control.TaskControl.RetryScope;
import dev.taskyard.core.redis.QueueKeys;
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
  private final TaskControl control;
  private final TaskLookup lookup;

  public DeadLetters(RedissonClient redisson, TaskControl control, TaskLookup lookup) {
    this.redisson = redisson;
    this.control = control;
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
    return TaskControl.retried(control.retryTasks(queue, RetryScope.DEAD_LETTERS, 0, ids));
  }

  /** Replays the oldest {@code limit} dead-lettered tasks. */
  public List<String> replayAll(String queue, int limit) {
    QueueNames.check(queue);
    if (limit < 1) {
      throw new InvalidInputException("limit", "must be at least 1");
    }
    return TaskControl.retried(
        control.retryTasks(queue, RetryScope.OLDEST_DEAD_LETTERS, limit, List.of()));
  }
}
