package dev.taskyard.app.tasks;

import dev.taskyard.core.dependency.DependencyGraph;
import dev.taskyard.core.task.TaskRef;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A task's dependency graph laid out for the console, drawn by the page as inline SVG (no script):
 * boxes at their places, curves from parents down to children, the blocking path marked.
 *
 * @param blocking how many unfinished tasks keep the task waiting
 */
public record DependencyGraphView(
    int width,
    int height,
    List<NodeBox> nodes,
    List<EdgeCurve> edges,
    int blocking,
    int ancestorsLeftOut,
    int descendantsLeftOut) {
  private static final int TYPE_CHARACTERS = 22;

  /**
   * How far the control points of an edge that skips layers lie to the right; the curve reaches
   * three quarters of it past its ends, clear of a box in the same column.
   */
  private static final int BOW = GraphLayout.NODE_WIDTH;

  /** Room on the right for bowed edges: 3/4 of the bow past an anchor at 3/4 of a box's width. */
  private static final int BOW_ROOM = GraphLayout.NODE_WIDTH / 2 + GraphLayout.MARGIN;

  /**
   * One task's box; {@code shortId} is the end of its id, {@code state} empty for a task no longer
   * in Redis.
   *
   * @param styleClass its state's colour, and whether it is the task shown or on the blocking path
   */
  public record NodeBox(
      String id,
      String queue,
      String shortId,
      String type,
      String state,
      int x,
      int y,
      String styleClass) {}

  /** An SVG path from a parent's bottom to a child's top. */
  public record EdgeCurve(String path, boolean blocking) {}

  /** The size of every box, for the page. */
  public int nodeWidth() {
    return GraphLayout.NODE_WIDTH;
  }

  public int nodeHeight() {
    return GraphLayout.NODE_HEIGHT;
  }

  static DependencyGraphView of(DependencyGraph graph) {
    List<GraphLayout.Link<TaskRef>> links =
        graph.edges().stream().map(e -> new GraphLayout.Link<>(e.parent(), e.child())).toList();
    GraphLayout.Placed<TaskRef> placed =
        GraphLayout.place(graph.nodes().stream().map(DependencyGraph.Node::task).toList(), links);
    DependencyGraph.BlockingPath blocking = graph.blockingPath();
    Map<TaskRef, GraphLayout.Point> at = placed.positions();
    List<NodeBox> nodes =
        graph.nodes().stream()
            .map(n -> box(n, at.get(n.task()), n.task().equals(graph.root()), blocking.tasks()))
            .toList();
    List<EdgeCurve> edges =
        graph.edges().stream()
            .map(
                e ->
                    new EdgeCurve(
                        curve(at.get(e.parent()), at.get(e.child())), blocking.edges().contains(e)))
            // Drawn last, so on top: the blocking path is never hidden under another edge.
            .sorted((a, b) -> Boolean.compare(a.blocking(), b.blocking()))
            .toList();
    boolean bowed =
        graph.edges().stream()
            .anyMatch(
                e ->
                    at.get(e.child()).y() - at.get(e.parent()).y()
                        > GraphLayout.NODE_HEIGHT + GraphLayout.GAP_Y);
    return new DependencyGraphView(
        placed.width() + (bowed ? BOW_ROOM : 0),
        placed.height(),
        nodes,
        edges,
        blocking.tasks().size(),
        graph.ancestorsLeftOut(),
        graph.descendantsLeftOut());
  }

  private static NodeBox box(
      DependencyGraph.Node node, GraphLayout.Point at, boolean root, Set<TaskRef> blocking) {
    String state = node.state().map(Enum::name).orElse("");
    String type = node.type().orElse("(no longer kept)");
    return new NodeBox(
        node.task().id(),
        node.task().queue(),
        // The end of the id: its start is a timestamp, alike for tasks submitted together.
        node.task().id().substring(node.task().id().length() - 8),
        type.length() <= TYPE_CHARACTERS ? type : type.substring(0, TYPE_CHARACTERS - 1) + "…",
        state,
        at.x(),
        at.y(),
        "ty-node ty-node-"
            + (state.isEmpty() ? "GONE" : state)
            + (root ? " ty-node-root" : "")
            + (blocking.contains(node.task()) ? " ty-node-blocking" : ""));
  }

  /**
   * From the parent's bottom to the child's top; an edge that skips layers bows out to the right of
   * both ends, so it is not hidden behind the boxes of the layers between.
   */
  private static String curve(GraphLayout.Point from, GraphLayout.Point to) {
    boolean skips = to.y() - from.y() > GraphLayout.NODE_HEIGHT + GraphLayout.GAP_Y;
    int anchor = skips ? GraphLayout.NODE_WIDTH * 3 / 4 : GraphLayout.NODE_WIDTH / 2;
    int bow = skips ? BOW : 0;
    int x1 = from.x() + anchor;
    int y1 = from.y() + GraphLayout.NODE_HEIGHT;
    int x2 = to.x() + anchor;
    int y2 = to.y();
    int bend = Math.max(GraphLayout.GAP_Y / 2, (y2 - y1) / 2);
    return "M"
        + x1
        + " "
        + y1
        + " C"
        + (x1 + bow)
        + " "
        + (y1 + bend)
        + " "
        + (x2 + bow)
        + " "
        + (y2 - bend)
        + " "
        + x2
        + " "
        + y2;
  }
}
