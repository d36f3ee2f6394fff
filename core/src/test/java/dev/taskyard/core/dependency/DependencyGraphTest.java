package dev.taskyard.core.dependency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskyard.core.task.TaskRef;
import dev.taskyard.core.task.TaskState;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DependencyGraphTest {
  private final TaskRef root = ref();
  private final TaskRef waitingParent = ref();
  private final TaskRef runningGrandparent = ref();
  private final TaskRef succeededGrandparent = ref();
  private final TaskRef failedParent = ref();
  private final TaskRef succeededParent = ref();
  private final TaskRef goneParent = ref();
  private final TaskRef child = ref();

  private static TaskRef ref() {
    return new TaskRef("q", UUID.randomUUID().toString());
  }

  private static DependencyGraph.Node node(TaskRef ref, TaskState state) {
    return new DependencyGraph.Node(ref, Optional.of("t"), Optional.ofNullable(state));
  }

  private static DependencyGraph.Edge edge(TaskRef parent, TaskRef child) {
    return new DependencyGraph.Edge(parent, child);
  }

  private DependencyGraph graph(TaskState rootState) {
    return new DependencyGraph(
        root,
        List.of(
            node(root, rootState),
            node(waitingParent, TaskState.WAITING),
            node(runningGrandparent, TaskState.RUNNING),
            node(succeededGrandparent, TaskState.SUCCEEDED),
            node(failedParent, TaskState.FAILED),
            node(succeededParent, TaskState.SUCCEEDED),
            node(goneParent, null),
            node(child, TaskState.WAITING)),
        List.of(
            edge(waitingParent, root),
            edge(runningGrandparent, waitingParent),
            edge(succeededGrandparent, waitingParent),
            edge(failedParent, root),
            edge(succeededParent, root),
            edge(goneParent, root),
            edge(root, child)),
        0,
        0);
  }

  @Test
  void aWaitingTaskIsHeldUpByItsUnfinishedAncestorsDownToTheOnesThatAreNotWaiting() {
    DependencyGraph.BlockingPath path = graph(TaskState.WAITING).blockingPath();

    assertThat(path.tasks())
        .containsExactlyInAnyOrder(waitingParent, runningGrandparent, failedParent);
    assertThat(path.edges())
        .containsExactlyInAnyOrder(
            edge(waitingParent, root),
            edge(runningGrandparent, waitingParent),
            edge(failedParent, root));
  }

  @Test
  void succeededAndVanishedAncestorsAndDescendantsAreNotOnThePath() {
    DependencyGraph.BlockingPath path = graph(TaskState.WAITING).blockingPath();

    assertThat(path.tasks())
        .doesNotContain(succeededGrandparent, succeededParent, goneParent, child);
  }

  @Test
  void aTaskThatIsNotWaitingHasNoBlockingPath() {
    for (TaskState state : List.of(TaskState.QUEUED, TaskState.RUNNING, TaskState.CANCELLED)) {
      DependencyGraph.BlockingPath path = graph(state).blockingPath();
      assertThat(path.tasks()).as(state.name()).isEmpty();
      assertThat(path.edges()).as(state.name()).isEmpty();
    }
  }

  @Test
  void aSharedAncestorIsOnThePathOnceWithEveryEdgeThatLeadsToIt() {
    TaskRef a = ref();
    TaskRef b = ref();
    TaskRef c = ref();
    TaskRef d = ref();
    DependencyGraph fanIn =
        new DependencyGraph(
            d,
            List.of(
                node(d, TaskState.WAITING),
                node(b, TaskState.WAITING),
                node(c, TaskState.WAITING),
                node(a, TaskState.QUEUED)),
            List.of(edge(a, b), edge(b, c), edge(b, d), edge(c, d)),
            0,
            0);

    DependencyGraph.BlockingPath path = fanIn.blockingPath();

    assertThat(path.tasks()).containsExactlyInAnyOrder(a, b, c);
    assertThat(path.edges()).hasSize(4);
  }
}
