package dev.taskyard.core.dependency;

import dev.taskyard.core.task.TaskRef;
import dev.taskyard.core.task.TaskState;
import java.util.List;
import java.util.Optional;

/**
 * A task's place in its dependency graph: its parents and children with their states (empty where
 * the task no longer exists, for example past its retention).
 */
public record TaskGraph(TaskRef task, List<Node> parents, List<Node> children) {
  public record Node(TaskRef task, Optional<TaskState> state) {}
}
