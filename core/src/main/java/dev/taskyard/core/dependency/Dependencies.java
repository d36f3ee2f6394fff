package dev.taskyard.core.dependency;

import dev.taskyard.core.redis.QueueKeys;
import dev.taskyard.core.task.TaskLookup;
import dev.taskyard.core.task.TaskNotFoundException;
import dev.taskyard.core.task.TaskRecord;
import dev.taskyard.core.task.TaskRef;
import dev.taskyard.core.task.TaskState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.redisson.api.BatchResult;
import org.redisson.api.RBatch;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Reads dependency graphs: a task's parents and children with their states, or its neighbourhood
 * over several levels.
 */
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
    List<TaskRef> parents = refs(task.parents().orElse(null));
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

  /**
   * The task's ancestors and descendants up to {@code levels} each way and {@code maxNodes} tasks
   * in all (ancestors get at most half), read in one pipelined round trip per level.
   *
   * @throws TaskNotFoundException no such task
   */
  public DependencyGraph around(String queue, String id, int levels, int maxNodes) {
    TaskRef root = new TaskRef(queue, id);
    Map<TaskRef, Reading> read = new LinkedHashMap<>(readAll(List.of(root)));
    if (read.get(root).state().isEmpty()) {
      throw new TaskNotFoundException(queue, id);
    }
    int ancestorsLeftOut = walk(read, root, levels, 1 + (maxNodes - 1) / 2, Reading::parents);
    int descendantsLeftOut = walk(read, root, levels, maxNodes, Reading::children);
    Set<DependencyGraph.Edge> edges = new LinkedHashSet<>();
    read.forEach(
        (ref, r) -> {
          r.parents().forEach(p -> edges.add(new DependencyGraph.Edge(p, ref)));
          r.children().forEach(c -> edges.add(new DependencyGraph.Edge(ref, c)));
        });
    return new DependencyGraph(
        root,
        read.entrySet().stream()
            .map(
                e ->
                    new DependencyGraph.Node(e.getKey(), e.getValue().type(), e.getValue().state()))
            .toList(),
        edges.stream()
            .filter(e -> read.containsKey(e.parent()) && read.containsKey(e.child()))
            .toList(),
        ancestorsLeftOut,
        descendantsLeftOut);
  }

  /** What one task's hash and children set say of its place in the graph. */
  private record Reading(
      Optional<String> type,
      Optional<TaskState> state,
      List<TaskRef> parents,
      List<TaskRef> children) {}

  /**
   * Reads level after level from {@code root} along {@code next} until {@code levels} or {@code
   * limit} tasks read in all; answers how many known tasks it had to leave out.
   */
  private int walk(
      Map<TaskRef, Reading> read,
      TaskRef root,
      int levels,
      int limit,
      Function<Reading, List<TaskRef>> next) {
    List<TaskRef> frontier = List.of(root);
    for (int level = 0; ; level++) {
      List<TaskRef> unseen =
          frontier.stream()
              .flatMap(r -> next.apply(read.get(r)).stream())
              .distinct()
              .filter(r -> !read.containsKey(r))
              .toList();
      int room = level < levels ? Math.max(0, limit - read.size()) : 0;
      List<TaskRef> taken = unseen.subList(0, Math.min(room, unseen.size()));
      if (taken.isEmpty()) {
        return unseen.size();
      }
      read.putAll(readAll(taken));
      if (taken.size() < unseen.size()) {
        return unseen.size() - taken.size();
      }
      frontier = taken;
    }
  }

  private Map<TaskRef, Reading> readAll(List<TaskRef> refs) {
    RBatch batch = redisson.createBatch();
    for (TaskRef r : refs) {
      QueueKeys k = new QueueKeys(r.queue());
      batch
          .<String, String>getMap(k.task(r.id()), StringCodec.INSTANCE)
          .getAllAsync(Set.of("type", "state", "parents"));
      batch.<String>getSet(k.children(r.id()), StringCodec.INSTANCE).readAllAsync();
    }
    List<?> replies = batch.execute().getResponses();
    Map<TaskRef, Reading> out = new LinkedHashMap<>();
    for (int i = 0; i < refs.size(); i++) {
      @SuppressWarnings("unchecked")
      Map<String, String> hash = (Map<String, String>) replies.get(2 * i);
      @SuppressWarnings("unchecked")
      Set<String> children = (Set<String>) replies.get(2 * i + 1);
      out.put(
          refs.get(i),
          new Reading(
              Optional.ofNullable(hash.get("type")),
              Optional.ofNullable(hash.get("state")).map(TaskState::valueOf),
              refs(hash.get("parents")),
              children.stream().sorted().map(TaskRef::parse).toList()));
    }
    return out;
  }

  private static List<TaskRef> refs(String parents) {
    return parents == null
        ? List.of()
        : Arrays.stream(parents.split(" ")).map(TaskRef::parse).toList();
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
