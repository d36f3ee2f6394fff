package dev.taskyard.app.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskyard.core.dependency.DependencyGraph;
import dev.taskyard.core.dependency.DependencyGraph.Edge;
import dev.taskyard.core.dependency.DependencyGraph.Node;
import dev.taskyard.core.task.TaskRef;
import dev.taskyard.core.task.TaskState;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DependencyGraphViewTest {
  private final TaskRef running = ref();
  private final TaskRef waiting = ref();
  private final TaskRef done = ref();
  private final TaskRef gone = ref();

  private static TaskRef ref() {
    return new TaskRef("q", UUID.randomUUID().toString());
  }

  private DependencyGraphView view() {
    return DependencyGraphView.of(
        new DependencyGraph(
            waiting,
            List.of(
                new Node(waiting, Optional.of("report.build"), Optional.of(TaskState.WAITING)),
                new Node(
                    running,
                    Optional.of("a.type.with.a.name.far.too.long.to.fit"),
                    Optional.of(TaskState.RUNNING)),
                new Node(done, Optional.of("fetch"), Optional.of(TaskState.SUCCEEDED)),
                new Node(gone, Optional.empty(), Optional.empty())),
            List.of(new Edge(running, waiting), new Edge(done, waiting), new Edge(gone, waiting)),
            2,
            0));
  }

  private DependencyGraphView.NodeBox box(DependencyGraphView view, TaskRef ref) {
    return view.nodes().stream().filter(n -> n.id().equals(ref.id())).findFirst().orElseThrow();
  }

  @Test
  void eachBoxNamesItsTaskShortlyWithItsStateColourAndItsPlaceOnTheBlockingPath() {
    DependencyGraphView view = view();

    assertThat(box(view, waiting).styleClass()).isEqualTo("ty-node ty-node-WAITING ty-node-root");
    assertThat(box(view, waiting).shortId()).isEqualTo(waiting.id().substring(28));
    assertThat(box(view, running).styleClass())
        .isEqualTo("ty-node ty-node-RUNNING ty-node-blocking");
    assertThat(box(view, running).type()).hasSize(22).endsWith("…");
    assertThat(box(view, done).styleClass()).isEqualTo("ty-node ty-node-SUCCEEDED");
    assertThat(box(view, gone).styleClass()).isEqualTo("ty-node ty-node-GONE");
    assertThat(box(view, gone).state()).isEmpty();
    assertThat(view.blocking()).isEqualTo(1);
    assertThat(view.ancestorsLeftOut()).isEqualTo(2);
  }

  @Test
  void edgesRunFromAParentsBottomToAChildsTopWithTheBlockingOnesDrawnLast() {
    DependencyGraphView view = view();

    assertThat(view.edges()).hasSize(3);
    assertThat(view.edges())
        .extracting(DependencyGraphView.EdgeCurve::blocking)
        .containsExactly(false, false, true);
    DependencyGraphView.NodeBox parent = box(view, running);
    DependencyGraphView.NodeBox child = box(view, waiting);
    assertThat(view.edges().get(2).path())
        .startsWith(
            "M"
                + (parent.x() + GraphLayout.NODE_WIDTH / 2)
                + " "
                + (parent.y() + GraphLayout.NODE_HEIGHT)
                + " C")
        .endsWith((child.x() + GraphLayout.NODE_WIDTH / 2) + " " + child.y());
  }

  @Test
  void anEdgeThatSkipsALayerBowsOutBesideTheBoxesBetween() {
    TaskRef top = ref();
    TaskRef middle = ref();
    TaskRef bottom = ref();
    DependencyGraphView view =
        DependencyGraphView.of(
            new DependencyGraph(
                bottom,
                List.of(
                    new Node(bottom, Optional.of("c"), Optional.of(TaskState.WAITING)),
                    new Node(middle, Optional.of("b"), Optional.of(TaskState.WAITING)),
                    new Node(top, Optional.of("a"), Optional.of(TaskState.QUEUED))),
                List.of(new Edge(top, middle), new Edge(middle, bottom), new Edge(top, bottom)),
                0,
                0));

    int column = box(view, middle).x();
    String skipping =
        view.edges().stream()
            .map(DependencyGraphView.EdgeCurve::path)
            .filter(p -> p.endsWith(" " + box(view, bottom).y()))
            .filter(p -> !p.startsWith("M" + (column + GraphLayout.NODE_WIDTH / 2)))
            .findFirst()
            .orElseThrow();
    int bowX = Integer.parseInt(skipping.split(" C")[1].trim().split(" ")[0]);
    assertThat(bowX).isGreaterThan(column + GraphLayout.NODE_WIDTH);
    assertThat(view.width())
        .isGreaterThan(column + GraphLayout.NODE_WIDTH * 3 / 4 + GraphLayout.NODE_WIDTH * 3 / 4);
  }
}
