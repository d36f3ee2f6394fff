package dev.taskyard.core.enqueue;

import static dev.taskyard.core.testing.TaskFixtures.aTask;
import static dev.taskyard.core.testing.TaskFixtures.currentLease;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskyard.core.Taskyard;
import dev.taskyard.core.control.QueueSettings;
import dev.taskyard.core.dependency.TaskGraph;
import dev.taskyard.core.redis.ScriptRunner;
import dev.taskyard.core.task.TaskRef;
import dev.taskyard.core.task.TaskState;
import dev.taskyard.core.testing.RedisQueue;
import dev.taskyard.core.testing.TestRedis;
import dev.taskyard.core.worker.TaskLeases;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DependencyRegistrarIT {
  @RegisterExtension final RedisQueue parents = new RedisQueue();
  @RegisterExtension final RedisQueue children = new RedisQueue();
  private final Taskyard taskyard = TestRedis.get().taskyard();

  @Test
  void parentThatEndedBeforeTheChildWasWrittenIsSettledWithoutAnyDrain() {
    String parentId = taskyard.producer().submit(parents.name(), aTask()).id();
    TaskRef parent = new TaskRef(parents.name(), parentId);
    TaskRequest request = aTask().withDependencies(List.of(parent));
    String childId = taskyard.producer().submit(children.name(), request).id();
    // The parent ends and nobody drains its queue's outbox (no worker serves that queue).
    taskyard.leases().claim(parents.name(), "w", 1);
    taskyard
        .leases()
        .complete(
            parents.name(),
            List.of(new TaskLeases.Success(currentLease(parents.name(), parentId), null)));
    assertThat(state(childId)).isEqualTo(TaskState.WAITING);

    new DependencyRegistrar(
            new ScriptRunner(TestRedis.get().redisson()),
            taskyard.tasks(),
            taskyard.dependencyOutbox())
        .settleEndedParents(new TaskRef(children.name(), childId), request, parentId);

    assertThat(state(childId)).isEqualTo(TaskState.QUEUED);
    // The notice in the parent's outbox, delivered later, changes nothing.
    taskyard.dependencyOutbox().drain(parents.name());
    assertThat(state(childId)).isEqualTo(TaskState.QUEUED);
    assertThat(taskyard.stats().status(children.name()).queued()).isEqualTo(1);
  }

  @Test
  void submitRefusedAsQueueFullLeavesNoChildOnItsParents() {
    String parentId = taskyard.producer().submit(parents.name(), aTask()).id();
    TaskRef parent = new TaskRef(parents.name(), parentId);
    taskyard.queues().configure(children.name(), QueueSettings.defaults().withCapacity(1));
    taskyard.producer().submit(children.name(), aTask());

    assertThatThrownBy(
            () ->
                taskyard
                    .producer()
                    .submit(children.name(), aTask().withDependencies(List.of(parent))))
        .isInstanceOf(QueueFullException.class);

    assertThat(childrenOf(parent)).isEmpty();
  }

  @Test
  void submitAnsweredByAnEarlierTaskOfTheSameKeyLeavesOnlyThatChildOnItsParents() {
    String parentId = taskyard.producer().submit(parents.name(), aTask()).id();
    TaskRef parent = new TaskRef(parents.name(), parentId);
    TaskRequest request = aTask().withDependencies(List.of(parent)).withIdempotencyKey("once");
    String first = taskyard.producer().submit(children.name(), request).id();

    Submission again = taskyard.producer().submit(children.name(), request);

    assertThat(again.created()).isFalse();
    assertThat(childrenOf(parent)).containsExactly(new TaskRef(children.name(), first));
  }

  private List<TaskRef> childrenOf(TaskRef parent) {
    return taskyard.dependencies().graph(parent.queue(), parent.id()).children().stream()
        .map(TaskGraph.Node::task)
        .toList();
  }

  private TaskState state(String childId) {
    return taskyard.tasks().find(children.name(), childId).orElseThrow().state();
  }
}
