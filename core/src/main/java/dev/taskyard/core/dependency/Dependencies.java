package dev.taskyard.core.dependency;

import dev.taskyard.core.redis.QueueKeys;
import dev.taskyard.core.task.TaskLookup;
import dev.taskyard.core.task.TaskNotFoundException;
import dev.taskyard.core.task.TaskRecord;
import dev.taskyard.core.task.TaskRef;
import dev.taskyard.core.task.TaskState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.redisson.api.BatchResult;
import org.redisson.api.RBatch;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/** Reads dependency graphs: a task's parents and children, with their states. */
public final class Dependencies {
  private final RedissonClient redisson;
  private final TaskLookup lookup;

  public Dependencies(RedissonClient redisson, TaskLookup lookup) {
    this.redisson = redisson;
    this.lookup = lookup;
  }

  /**
   * @throws TaskNotFoundException no such task
   */
  public TaskGraph graph(String queue, String id) {
    TaskRecord task =
        lookup.find(queue, id).orElseThrow(() -> new TaskNotFoundException(queue, id));
    List<TaskRef> parents =
        task.parents()
            .map(p -> Arrays.stream(p.split(" ")).map(TaskRef::parse).toList())
            .orElse(List.of());
    List<TaskRef> children =
        redisson
            .<String>getSet(new QueueKeys(queue).children(id), StringCodec.INSTANCE)
            .readAll()
            .stream()
            .map(TaskRef::parse)
            .sorted((a, b) -> a.toString().compareTo(b.toString()))
            .toList();
    return new TaskGraph(new TaskRef(queue, id), withStates(parents), withStates(children));
  }

  /** One pipelined round trip for every state. */
  private List<TaskGraph.Node> withStates(List<TaskRef> refs) {
    if (refs.isEmpty()) {
      return List.of();
    }
    RBatch batch = redisson.createBatch();
    refs.forEach(
        r ->
            batch
                .<String, String>getMap(new QueueKeys(r.queue()).task(r.id()), StringCodec.INSTANCE)
                .getAsync("state"));
    BatchResult<?> states = batch.execute();
    List<TaskGraph.Node> nodes = new ArrayList<>();
    for (int i = 0; i < refs.size(); i++) {
      Object state = states.getResponses().get(i);
      nodes.add(
          new TaskGraph.Node(
              refs.get(i), Optional.ofNullable(state).map(s -> TaskState.valueOf(s.toString()))));
    }
    return nodes;
  }
}
