package dev.taskyard.core.enqueue;

import static dev.taskyard.core.testing.TaskFixtures.aTask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskyard.core.Taskyard;
import dev.taskyard.core.redis.ScriptRunner;
import dev.taskyard.core.task.TaskRef;
import dev.taskyard.core.task.TaskState;
import dev.taskyard.core.testing.RedisQueue;
import dev.taskyard.core.testing.TestRedis;
import dev.taskyard.core.worker.Lease;
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
        .complete(parents.name(), List.of(new TaskLeases.Success(new Lease(parentId, 1), null)));
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

  private TaskState state(String childId) {
    return taskyard.tasks().find(children.name(), childId).orElseThrow().state();
  }
}
