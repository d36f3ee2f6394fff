package dev.taskyard.core.deadletter;

import dev.taskyard.core.InvalidInputException;
import dev.taskyard.core.control.QueueNames;
import dev.taskyard.core.control.TaskControl;
import dev.taskyard.core.control.TaskControl.RetryScope;
import dev.taskyard.core.redis.QueueKeys;
import dev.taskyard.core.task.TaskLookup;
import dev.taskyard.core.task.TaskRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RScoredSortedSetAsync;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.client.protocol.ScoredEntry;

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

  /**
   * The dead letters of {@code queue} still held that were dead-lettered after {@code after}.
   *
   * @param count how many
   * @param first when the first of them was dead-lettered; null when there are none
   * @param latest the most recent of them; null when there are none
   */
  public record Recent(long count, Instant first, TaskRecord latest) {}

  /**
   * The dead letters held that came after {@code after}: one round trip for the count and the first
   * and latest, then the latest task's record.
   */
  public Recent since(String queue, Instant after) {
    String key = new QueueKeys(QueueNames.check(queue)).dead();
    double from = after.toEpochMilli();
    RBatch batch = redisson.createBatch();
    RScoredSortedSetAsync<String> dead = batch.getScoredSortedSet(key, StringCodec.INSTANCE);
    RFuture<Integer> count = dead.countAsync(from, false, Double.POSITIVE_INFINITY, true);
    RFuture<Collection<ScoredEntry<String>>> first =
        dead.entryRangeAsync(from, false, Double.POSITIVE_INFINITY, true, 0, 1);
    RFuture<Collection<ScoredEntry<String>>> latest =
        dead.entryRangeReversedAsync(from, false, Double.POSITIVE_INFINITY, true, 0, 1);
    batch.execute();
    if (count.toCompletableFuture().join() == 0) {
      return new Recent(0, null, null);
    }
    ScoredEntry<String> firstEntry = first.toCompletableFuture().join().iterator().next();
    List<String> latestIds =
        latest.toCompletableFuture().join().stream().map(ScoredEntry::getValue).toList();
    return new Recent(
        count.toCompletableFuture().join(),
        Instant.ofEpochMilli(firstEntry.getScore().longValue()),
        lookup.findAll(queue, latestIds).stream().findFirst().orElse(null));
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
