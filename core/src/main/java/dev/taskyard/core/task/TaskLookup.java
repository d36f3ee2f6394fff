package dev.taskyard.core.task;

import dev.taskyard.core.InvalidInputException;
import dev.taskyard.core.control.QueueNames;
import dev.taskyard.core.encryption.PayloadCipher;
import dev.taskyard.core.redis.QueueKeys;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.redisson.api.BatchResult;
import org.redisson.api.RBatch;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/** Reads task records by id, with payload and result opened where they are sealed. */
public final class TaskLookup {
  private final RedissonClient redisson;
  private final PayloadCipher cipher;

  public TaskLookup(RedissonClient redisson, PayloadCipher cipher) {
    this.redisson = redisson;
    this.cipher = cipher;
  }

  public Optional<TaskRecord> find(String queue, String id) {
    QueueNames.check(queue);
    Map<String, String> hash =
        redisson
            .<String, String>getMap(new QueueKeys(queue).task(id), StringCodec.INSTANCE)
            .readAllMap();
    return hash.isEmpty() ? Optional.empty() : Optional.of(record(queue, id, hash));
  }

  /** Finds a task when only its id is known: one pipelined round trip over the given queues. */
  public Optional<TaskRecord> find(String id, Collection<String> queues) {
    List<String> names = new ArrayList<>(queues);
    RBatch batch = redisson.createBatch();
    names.forEach(
        q -> batch.getMap(new QueueKeys(q).task(id), StringCodec.INSTANCE).readAllMapAsync());
    BatchResult<?> results = batch.execute();
    for (int i = 0; i < names.size(); i++) {
      @SuppressWarnings("unchecked")
      Map<String, String> hash = (Map<String, String>) results.getResponses().get(i);
      if (!hash.isEmpty()) {
        return Optional.of(record(names.get(i), id, hash));
      }
    }
    return Optional.empty();
  }

  /**
   * Up to {@code limit} of {@code queue}'s running (leased) tasks, those whose lease ends first
   * first: one read of the leased set, then one pipelined read of their records.
   */
  public List<TaskRecord> running(String queue, int limit) {
    QueueNames.check(queue);
    if (limit < 1) {
      throw new InvalidInputException("limit", "must be at least 1");
    }
    List<String> ids =
        new ArrayList<>(
            redisson
                .<String>getScoredSortedSet(new QueueKeys(queue).leased(), StringCodec.INSTANCE)
                .valueRange(0, limit - 1));
    return findAll(queue, ids);
  }

  /**
   * The queued tasks of {@code queue} in the order workers will claim them, from the {@code
   * offset}-th: one read of the queued set, then one pipelined read of their records.
   */
  public List<TaskRecord> queued(String queue, int offset, int limit) {
    QueueNames.check(queue);
    if (offset < 0) {
      throw new InvalidInputException("offset", "must not be negative");
    }
    if (limit < 1) {
      throw new InvalidInputException("limit", "must be at least 1");
    }
    List<String> ids =
        new ArrayList<>(
            redisson
                .<String>getScoredSortedSet(new QueueKeys(queue).queued(), StringCodec.INSTANCE)
                .valueRange(offset, offset + limit - 1));
    return findAll(queue, ids);
  }

  /** Reads many records of one queue in one pipelined round trip, in the order of {@code ids}. */
  public List<TaskRecord> findAll(String queue, List<String> ids) {
    QueueKeys keys = new QueueKeys(queue);
    RBatch batch = redisson.createBatch();
    ids.forEach(id -> batch.getMap(keys.task(id), StringCodec.INSTANCE).readAllMapAsync());
    List<?> responses = ids.isEmpty() ? List.of() : batch.execute().getResponses();
    List<TaskRecord> records = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      @SuppressWarnings("unchecked")
      Map<String, String> hash = (Map<String, String>) responses.get(i);
      if (!hash.isEmpty()) {
        records.add(record(queue, ids.get(i), hash));
      }
    }
    return records;
  }

  private TaskRecord record(String queue, String id, Map<String, String> stored) {
    Map<String, String> hash = new HashMap<>(stored);
    hash.computeIfPresent("payload", (f, v) -> cipher.openOrKeep(queue, f, v));
    hash.computeIfPresent("result", (f, v) -> cipher.openOrKeep(queue, f, v));
    return TaskRecord.fromHash(queue, id, hash);
  }
}
