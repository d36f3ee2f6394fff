package dev.taskyard.app.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskyard.app.tasks.GraphLayout.Link;
import dev.taskyard.app.tasks.GraphLayout.Placed;
import dev.taskyard.app.tasks.GraphLayout.Point;
import java.util.List;
import org.junit.jupiter.api.Test;

class GraphLayoutTest {
  private static final int ROW = GraphLayout.NODE_HEIGHT + GraphLayout.GAP_Y;
  private static final int COLUMN = GraphLayout.NODE_WIDTH + GraphLayout.GAP_X;

  @Test
  void aChainGoesDownOneLayerPerStepInOneColumn() {
    Placed<String> placed =
        GraphLayout.place(
            List.of("c", "a", "b"), List.of(new Link<>("a", "b"), new Link<>("b", "c")));

    assertThat(placed.positions().get("a").y()).isEqualTo(GraphLayout.MARGIN);
    assertThat(placed.positions().get("b").y()).isEqualTo(GraphLayout.MARGIN + ROW);
    assertThat(placed.positions().get("c").y()).isEqualTo(GraphLayout.MARGIN + 2 * ROW);
    assertThat(placed.positions().values()).extracting(Point::x).containsOnly(GraphLayout.MARGIN);
    assertThat(placed.width()).isEqualTo(2 * GraphLayout.MARGIN + GraphLayout.NODE_WIDTH);
    assertThat(placed.height()).isEqualTo(2 * GraphLayout.MARGIN + 3 * ROW - GraphLayout.GAP_Y);
  }

  @Test
  void aTaskWithSeveralParentsGoesBelowTheLowestOfThem() {
    // a -> b -> c, and d depends on b and c: d is below c, not beside it.
    Placed<String> placed =
        GraphLayout.place(
            List.of("d", "b", "c", "a"),
            List.of(
                new Link<>("a", "b"),
                new Link<>("b", "c"),
                new Link<>("b", "d"),
                new Link<>("c", "d")));

    assertThat(placed.positions().get("d").y()).isGreaterThan(placed.positions().get("c").y());
    assertThat(placed.positions().get("c").y()).isGreaterThan(placed.positions().get("b").y());
  }

  @Test
  void childrenAreOrderedUnderTheirParentsSoTheirEdgesDoNotCross() {
    Placed<String> placed =
        GraphLayout.place(
            List.of("left", "right", "underRight", "underLeft"),
            List.of(new Link<>("left", "underLeft"), new Link<>("right", "underRight")));

    assertThat(placed.positions().get("left").x()).isLessThan(placed.positions().get("right").x());
    assertThat(placed.positions().get("underLeft").x())
        .isLessThan(placed.positions().get("underRight").x());
  }

  @Test
  void boxesInALayerDoNotOverlapAndANarrowLayerIsCentred() {
    Placed<String> placed =
        GraphLayout.place(
            List.of("top", "x", "y", "z"),
            List.of(new Link<>("top", "x"), new Link<>("top", "y"), new Link<>("top", "z")));

    List<Integer> xs =
        List.of("x", "y", "z").stream().map(n -> placed.positions().get(n).x()).sorted().toList();
    assertThat(xs.get(1) - xs.get(0)).isEqualTo(COLUMN);
    assertThat(xs.get(2) - xs.get(1)).isEqualTo(COLUMN);
    assertThat(placed.positions().get("top").x()).isEqualTo(xs.get(1));
    assertThat(placed.width()).isEqualTo(2 * GraphLayout.MARGIN + 3 * COLUMN - GraphLayout.GAP_X);
  }

  @Test
  void aCycleIsPlacedWithoutLoopingForever() {
    Placed<String> placed =
        GraphLayout.place(List.of("a", "b"), List.of(new Link<>("a", "b"), new Link<>("b", "a")));

    assertThat(placed.positions()).containsOnlyKeys("a", "b");
  }

  @Test
  void aLoneTaskIsOneBox() {
    Placed<String> placed = GraphLayout.place(List.of("only"), List.of());

    assertThat(placed.positions().get("only"))
        .isEqualTo(new Point(GraphLayout.MARGIN, GraphLayout.MARGIN));
  }
}
