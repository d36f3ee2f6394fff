package dev.taskyard.core.task;

import dev.taskyard.core.control.QueueNames;
import dev.taskyard.core.redis.QueueKeys;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.redisson.api.BatchResult;
import org.redisson.api.RBatch;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/** Reads task records by id. */
public final class TaskLookup {
  private final RedissonClient redisson;

  public TaskLookup(RedissonClient redisson) {
    this.redisson = redisson;
  }

  public Optional<TaskRecord> find(String queue, String id) {
    QueueNames.check(queue);
    Map<String, String> hash =
        redisson
            .<String, String>getMap(new QueueKeys(queue).task(id), StringCodec.INSTANCE)
            .readAllMap();
    return hash.isEmpty() ? Optional.empty() : Optional.of(TaskRecord.fromHash(queue, id, hash));
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
        return Optional.of(TaskRecord.fromHash(names.get(i), id, hash));
      }
    }
    return Optional.empty();
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
        records.add(TaskRecord.fromHash(queue, ids.get(i), hash));
      }
    }
    return records;
  }
}
