package dev.taskyard.core.dependency;

import static dev.taskyard.core.testing.TaskFixtures.NOOP;
import static dev.taskyard.core.testing.TaskFixtures.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.taskyard.core.InvalidInputException;
import dev.taskyard.core.Taskyard;
import dev.taskyard.core.enqueue.TaskRequest;
import dev.taskyard.core.enqueue.TaskRequest.ParentFailure;
import dev.taskyard.core.task.TaskRecord;
import dev.taskyard.core.task.TaskRef;
import dev.taskyard.core.task.TaskState;
import dev.taskyard.core.testing.RedisQueue;
import dev.taskyard.core.testing.TestRedis;
import dev.taskyard.core.worker.ClaimedTask;
import dev.taskyard.core.worker.Lease;
import dev.taskyard.core.worker.TaskLeases;
import dev.taskyard.core.worker.WorkerOptions;
import dev.taskyard.core.worker.WorkerPool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DependenciesIT {
  private static final Duration WAIT = Duration.ofSeconds(15);

  @RegisterExtension final RedisQueue queue = new RedisQueue();
  @RegisterExtension final RedisQueue other = new RedisQueue();
  private final Taskyard taskyard = TestRedis.get().taskyard();
  private final TaskLeases leases = taskyard.leases();
  private final List<WorkerPool> pools = new ArrayList<>();

  @AfterEach
  void stop() {
    pools.forEach(WorkerPool::halt);
  }

  private TaskRef submit(RedisQueue q, TaskRequest r) {
    return new TaskRef(q.name(), taskyard.producer().submit(q.name(), r).id());
  }

  private TaskState state(TaskRef t) {
    return taskyard.tasks().find(t.queue(), t.id()).map(TaskRecord::state).orElseThrow();
  }

  private void runOnce(TaskRef t, boolean succeed) {
    ClaimedTask claimed = leases.claim(t.queue(), "w", 1).tasks().get(0);
    assertThat(claimed.id()).isEqualTo(t.id());
    Lease lease = Lease.of(claimed);
    if (succeed) {
      leases.complete(t.queue(), List.of(new TaskLeases.Success(lease, null)));
    } else {
      leases.fail(t.queue(), List.of(new TaskLeases.Failure(lease, "broken", "", false)));
    }
  }

  private WorkerPool pool(String queueName, Map<String, Long> ranAt) {
    WorkerPool pool =
        taskyard
            .workerPool()
            .queue(queueName, 2)
            .options(WorkerOptions.defaults().withUpkeepInterval(Duration.ofMillis(100)))
            .handler(
                NOOP,
                task -> {
                  ranAt.put(task.id(), System.nanoTime());
                  return null;
                })
            .start();
    pools.add(pool);
    return pool;
  }

  @Test
  void childWaitsUntilEveryParentSucceeded() {
    TaskRef a = submit(queue, aTask());
    TaskRef b = submit(queue, aTask());
    TaskRef child = submit(queue, aTask().withDependencies(List.of(a, b)));

    assertThat(state(child)).isEqualTo(TaskState.WAITING);
    assertThat(taskyard.stats().status(queue.name()).waiting()).isEqualTo(1);
    runOnce(a, true);
    taskyard.dependencyOutbox().drain(queue.name());
    assertThat(state(child)).isEqualTo(TaskState.WAITING);

    runOnce(b, true);
    taskyard.dependencyOutbox().drain(queue.name());

    assertThat(state(child)).isEqualTo(TaskState.QUEUED);
    assertThat(leases.claim(queue.name(), "w", 1).tasks().get(0).id()).isEqualTo(child.id());
  }

  @Test
  void workersRunAChainAcrossQueuesInOrder() {
    Map<String, Long> ranAt = new ConcurrentHashMap<>();
    pool(queue.name(), ranAt);
    pool(other.name(), ranAt);
    taskyard.queues().pause(queue.name()); // hold the first step until the chain is submitted
    TaskRef first = submit(queue, aTask());
    TaskRef second = submit(other, aTask().withDependencies(List.of(first)));
    TaskRef third = submit(queue, aTask().withDependencies(List.of(second)));

    taskyard.queues().resume(queue.name());

    await().atMost(WAIT).until(() -> state(third) == TaskState.SUCCEEDED);
    assertThat(ranAt.get(first.id())).isLessThan(ranAt.get(second.id()));
    assertThat(ranAt.get(second.id())).isLessThan(ranAt.get(third.id()));
  }

  @Test
  void failedParentCancelsItsChildrenAndTheirChildren() {
    TaskRef parent = submit(queue, aTask());
    TaskRef child = submit(other, aTask().withDependencies(List.of(parent)));
    TaskRef grandchild = submit(queue, aTask().withDependencies(List.of(child)));

    runOnce(parent, false);
    taskyard.dependencyOutbox().drain(queue.name());
    taskyard.dependencyOutbox().drain(other.name());

    assertThat(state(child)).isEqualTo(TaskState.CANCELLED);
    assertThat(state(grandchild)).isEqualTo(TaskState.CANCELLED);
    assertThat(taskyard.tasks().find(other.name(), child.id()).orElseThrow().error())
        .hasValueSatisfying(e -> assertThat(e).contains(parent.id()).contains("failed"));
  }

  @Test
  void childThatRunsAnywayIsReleasedWhenItsParentFails() {
    TaskRef parent = submit(queue, aTask());
    TaskRef child =
        submit(
            queue,
            aTask().withDependencies(List.of(parent)).withOnParentFailure(ParentFailure.RUN));

    runOnce(parent, false);
    taskyard.dependencyOutbox().drain(queue.name());

    assertThat(state(child)).isEqualTo(TaskState.QUEUED);
  }

  @Test
  void parentsThatEndedAlreadyDecideAtSubmit() {
    TaskRef done = submit(queue, aTask());
    runOnce(done, true);
    TaskRef failed = submit(queue, aTask());
    runOnce(failed, false);

    assertThat(state(submit(other, aTask().withDependencies(List.of(done)))))
        .isEqualTo(TaskState.QUEUED);
    assertThat(state(submit(other, aTask().withDependencies(List.of(done, failed)))))
        .isEqualTo(TaskState.CANCELLED);
  }

  @Test
  void unknownParentIsRefusedWithNothingWritten() {
    TaskRef parent = submit(queue, aTask());
    TaskRef unknown = new TaskRef(queue.name(), "00000000-0000-7000-8000-000000000000");

    assertThatThrownBy(() -> submit(other, aTask().withDependencies(List.of(parent, unknown))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("dependsOn")
        .hasMessageContaining(unknown.toString());
    assertThat(other.keyCount()).isZero();
    assertThat(taskyard.dependencies().graph(queue.name(), parent.id()).children()).isEmpty();
    assertThatThrownBy(() -> submit(other, aTask().withDependencies(List.of(parent, parent))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("twice");
  }

  @Test
  void graphShowsParentsAndChildrenWithTheirStates() {
    TaskRef parent = submit(queue, aTask());
    TaskRef child = submit(other, aTask().withDependencies(List.of(parent)));

    TaskGraph ofChild = taskyard.dependencies().graph(other.name(), child.id());
    TaskGraph ofParent = taskyard.dependencies().graph(queue.name(), parent.id());

    assertThat(ofChild.parents())
        .containsExactly(new TaskGraph.Node(parent, Optional.of(TaskState.QUEUED)));
    assertThat(ofParent.children())
        .containsExactly(new TaskGraph.Node(child, Optional.of(TaskState.WAITING)));
  }

  @Test
  void neighbourhoodReachesSeveralLevelsEachWayWithFanInAndTheBlockingPath() {
    TaskRef a = submit(queue, aTask());
    TaskRef b = submit(other, aTask().withDependencies(List.of(a)));
    TaskRef c = submit(queue, aTask().withDependencies(List.of(b)));
    TaskRef d = submit(queue, aTask().withDependencies(List.of(b, c)));

    DependencyGraph ofD = taskyard.dependencies().around(queue.name(), d.id(), 3, 50);
    DependencyGraph ofA = taskyard.dependencies().around(queue.name(), a.id(), 3, 50);

    assertThat(ofD.nodes())
        .extracting(DependencyGraph.Node::task)
        .containsExactlyInAnyOrder(d, b, c, a);
    assertThat(ofD.nodes().get(0))
        .isEqualTo(
            new DependencyGraph.Node(d, Optional.of("test.noop"), Optional.of(TaskState.WAITING)));
    assertThat(ofD.edges())
        .containsExactlyInAnyOrder(
            new DependencyGraph.Edge(a, b),
            new DependencyGraph.Edge(b, c),
            new DependencyGraph.Edge(b, d),
            new DependencyGraph.Edge(c, d));
    assertThat(ofD.blockingPath().tasks()).containsExactlyInAnyOrder(a, b, c);
    assertThat(ofA.nodes()).extracting(DependencyGraph.Node::task).containsExactly(a, b, c, d);
    assertThat(ofA.edges()).hasSize(4);
    assertThat(ofA.blockingPath().tasks()).isEmpty();
  }

  @Test
  void neighbourhoodStopsAtItsBoundsAndCountsWhatItLeftOut() {
    TaskRef top = submit(queue, aTask());
    TaskRef previous = top;
    for (int i = 0; i < 4; i++) {
      previous = submit(queue, aTask().withDependencies(List.of(previous)));
    }
    TaskRef bottom = previous;
    List<TaskRef> fanOut = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      fanOut.add(submit(queue, aTask().withDependencies(List.of(top))));
    }

    DependencyGraph deep = taskyard.dependencies().around(queue.name(), bottom.id(), 3, 50);
    DependencyGraph wide = taskyard.dependencies().around(queue.name(), top.id(), 3, 4);

    assertThat(deep.nodes()).hasSize(4);
    assertThat(deep.ancestorsLeftOut()).isEqualTo(1);
    assertThat(wide.nodes()).hasSize(4);
    assertThat(wide.descendantsLeftOut()).isEqualTo(3);
  }

  @Test
  void releaseInterruptedByACrashIsDeliveredByTheNextUpkeepAndOnlyOnce() {
    TaskRef parent = submit(queue, aTask());
    TaskRef child = submit(other, aTask().withDependencies(List.of(parent)));
    runOnce(parent, true); // acknowledged, but the node "dies" before delivering to the child
    assertThat(state(child)).isEqualTo(TaskState.WAITING);

    pool(queue.name(), new ConcurrentHashMap<>()); // another node's upkeep repairs it

    await().atMost(WAIT).until(() -> state(child) != TaskState.WAITING);
    assertThat(state(child)).isIn(TaskState.QUEUED, TaskState.RUNNING, TaskState.SUCCEEDED);
    assertThat(taskyard.dependencyOutbox().drain(queue.name())).isZero();
  }

  @Test
  void releaseRacingAParentRetryDecidesOnceAndNeverRunsTheChild() {
    TaskRef parent = submit(queue, aTask());
    TaskRef child = submit(other, aTask().withDependencies(List.of(parent)));
    runOnce(parent, false);
    taskyard.control().retry(queue.name(), parent.id()); // before the failure was delivered
    runOnce(parent, true);

    taskyard.dependencyOutbox().drain(queue.name());

    // The first end decides: the child was cancelled, and the later success does not revive it.
    assertThat(state(child)).isEqualTo(TaskState.CANCELLED);
    assertThat(leases.claim(other.name(), "w", 10).tasks()).isEmpty();
  }

  @Test
  void waitingTaskCanBeCancelledAndDrained() {
    TaskRef parent = submit(queue, aTask());
    TaskRef one = submit(queue, aTask().withDependencies(List.of(parent)));
    submit(queue, aTask().withDependencies(List.of(parent)));

    taskyard.control().cancel(queue.name(), one.id());
    var drained = taskyard.control().drain(queue.name());

    assertThat(state(one)).isEqualTo(TaskState.CANCELLED);
    assertThat(drained.queued()).isEqualTo(1);
    assertThat(drained.waiting()).isEqualTo(1);
    assertThat(taskyard.stats().status(queue.name()).waiting()).isZero();
  }
}
