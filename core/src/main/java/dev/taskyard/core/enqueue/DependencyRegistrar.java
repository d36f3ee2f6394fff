package dev.taskyard.core.enqueue;

import dev.taskyard.core.InvalidInputException;
import dev.taskyard.core.dependency.DependencyOutbox;
import dev.taskyard.core.redis.LuaScript;
import dev.taskyard.core.redis.QueueKeys;
import dev.taskyard.core.redis.ScriptFailure;
import dev.taskyard.core.redis.ScriptRunner;
import dev.taskyard.core.task.TaskLookup;
import dev.taskyard.core.task.TaskRecord;
import dev.taskyard.core.task.TaskRef;
import dev.taskyard.core.task.TaskState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The first step of submitting a task with dependencies: each parent, in its own queue, learns of
 * its new child, and says where it stands. Parents must exist, so a dependency cycle cannot be
 * formed: a new task's id is made at submit, and nothing can name it as a parent before.
 */
final class DependencyRegistrar {
  private final ScriptRunner scripts;
  private final TaskLookup lookup;
  private final DependencyOutbox outbox;

  DependencyRegistrar(ScriptRunner scripts, TaskLookup lookup, DependencyOutbox outbox) {
    this.scripts = scripts;
    this.lookup = lookup;
    this.outbox = outbox;
  }

  /** Refuses the whole submit, before anything is written, if any parent is unknown. */
  void checkParentsExist(List<TaskRequest> requests) {
    Map<String, List<TaskRef>> byQueue =
        requests.stream()
            .flatMap(r -> r.dependsOn().stream())
            .distinct()
            .collect(Collectors.groupingBy(TaskRef::queue));
    byQueue.forEach(
        (queue, refs) -> {
          List<String> ids = refs.stream().map(TaskRef::id).toList();
          List<String> found = lookup.findAll(queue, ids).stream().map(t -> t.id()).toList();
          refs.stream()
              .filter(ref -> !found.contains(ref.id()))
              .findFirst()
              .ifPresent(
                  ref -> {
                    throw new InvalidInputException("dependsOn", "no task " + ref + " exists");
                  });
        });
  }

  /**
   * The second half, after the child was written: a parent that ended between its registration and
   * the child's submit notified a child that did not exist yet, and that notice waits for a drain
   * of the parent's queue, which may never come. So resolve such parents here (idempotent with the
   * notice).
   */
  void settleEndedParents(TaskRef child, TaskRequest request, String pendingIds) {
    if (pendingIds.isEmpty()) {
      return;
    }
    List<String> pending = List.of(pendingIds.split(" "));
    for (TaskRef parent : request.dependsOn()) {
      if (!pending.contains(parent.id())) {
        continue;
      }
      lookup
          .find(parent.queue(), parent.id())
          .map(TaskRecord::state)
          .filter(TaskState::isFinal)
          .ifPresent(
              state ->
                  outbox.resolve(
                      child,
                      parent.id(),
                      switch (state) {
                        case SUCCEEDED -> "succeeded";
                        case CANCELLED -> "cancelled";
                        default -> "failed";
                      }));
    }
  }

  /**
   * Undoes {@link #register} for a child that was not written (its submit was refused, or its
   * idempotency key named an earlier task), so its parents do not keep a child that never exists.
   */
  void unregister(TaskRef child, TaskRequest request) {
    for (TaskRef parent : request.dependsOn()) {
      scripts.run(
          LuaScript.UNREGISTER_CHILD,
          List.of(new QueueKeys(parent.queue()).taskPrefix()),
          List.of(parent.id(), child.toString()));
    }
  }

  /**
   * Registers the child with each of its parents; returns the four dependency values the submit
   * script takes: every parent, those still pending, one that ended without success, the policy.
   */
  List<String> register(TaskRef child, TaskRequest request) {
    if (request.dependsOn().isEmpty()) {
      return List.of("", "", "", "");
    }
    List<String> pending = new ArrayList<>();
    String failed = "";
    for (TaskRef parent : request.dependsOn()) {
      TaskState state;
      try {
        state =
            TaskState.valueOf(
                scripts
                    .run(
                        LuaScript.REGISTER_CHILD,
                        List.of(
                            new QueueKeys(parent.queue()).taskPrefix(),
                            new QueueKeys(parent.queue()).config()),
                        List.of(parent.id(), child.toString()))
                    .string(0));
      } catch (ScriptFailure e) {
        throw new InvalidInputException("dependsOn", "no task " + parent + " exists");
      }
      if (state == TaskState.SUCCEEDED) {
        continue;
      }
      if (state.isFinal()) {
        failed = parent.id();
      } else {
        pending.add(parent.id());
      }
    }
    return List.of(
        request.dependsOn().stream().map(TaskRef::toString).collect(Collectors.joining(" ")),
        String.join(" ", pending),
        failed,
        request.onParentFailure() == TaskRequest.ParentFailure.RUN ? "run" : "");
  }
}
