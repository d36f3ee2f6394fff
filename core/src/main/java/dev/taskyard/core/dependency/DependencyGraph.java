package dev.taskyard.core.dependency;

import dev.taskyard.core.task.TaskRef;
import dev.taskyard.core.task.TaskState;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A task's dependency neighbourhood over several levels: its ancestors (parents, their parents,
 * ...) and descendants, with the edges between them, fan-in included. Read within bounds, so it
 * says how many known tasks it left out beyond them.
 *
 * @param nodes the tasks, {@code root} first; type and state empty where a task no longer exists
 * @param edges parent to child, between {@code nodes} only
 * @param ancestorsLeftOut tasks known to be further up that the bounds left out
 * @param descendantsLeftOut tasks known to be further down that the bounds left out
 */
public record DependencyGraph(
    TaskRef root,
    List<Node> nodes,
    List<Edge> edges,
    int ancestorsLeftOut,
    int descendantsLeftOut) {

  public record Node(TaskRef task, Optional<String> type, Optional<TaskState> state) {}

  public record Edge(TaskRef parent, TaskRef child) {}

  /**
   * What keeps a waiting root waiting: the tasks and edges along it.
   *
   * @param tasks every unfinished ancestor reached from the root through waiting tasks, so the
   *     chains end at the ones actually queued, scheduled, running or failed
   * @param edges the edges those chains follow
   */
  public record BlockingPath(Set<TaskRef> tasks, Set<Edge> edges) {}

  /** What keeps the root waiting; empty unless the root is WAITING. */
  public BlockingPath blockingPath() {
    Map<TaskRef, Node> byRef =
        nodes.stream().collect(Collectors.toMap(Node::task, Function.identity()));
    Set<TaskRef> tasks = new LinkedHashSet<>();
    Set<Edge> path = new LinkedHashSet<>();
    if (byRef.get(root).state().orElse(null) != TaskState.WAITING) {
      return new BlockingPath(tasks, path);
    }
    Map<TaskRef, List<Edge>> into = edges.stream().collect(Collectors.groupingBy(Edge::child));
    Deque<TaskRef> waiting = new ArrayDeque<>(List.of(root));
    while (!waiting.isEmpty()) {
      for (Edge edge : into.getOrDefault(waiting.pop(), List.of())) {
        Optional<TaskState> state = byRef.get(edge.parent()).state();
        // A task gone from Redis ended long ago; a succeeded one holds nothing up.
        if (state.isEmpty() || state.get() == TaskState.SUCCEEDED) {
          continue;
        }
        path.add(edge);
        if (tasks.add(edge.parent()) && state.get() == TaskState.WAITING) {
          waiting.push(edge.parent());
        }
      }
    }
    return new BlockingPath(tasks, path);
  }
}
