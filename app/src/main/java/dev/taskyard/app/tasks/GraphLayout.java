package dev.taskyard.app.tasks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Places a small directed acyclic graph in layers, parents above children (a Sugiyama layout
 * without its refinements): each node one layer below its lowest parent, the nodes of a layer
 * ordered by the mean position of their parents, then of their children, so few edges cross, and
 * each layer centred.
 */
final class GraphLayout {
  static final int NODE_WIDTH = 176;
  static final int NODE_HEIGHT = 54;
  static final int GAP_X = 24;
  static final int GAP_Y = 44;
  static final int MARGIN = 4;

  /** An edge from {@code from} (above) to {@code to} (below). */
  record Link<K>(K from, K to) {}

  /** The top left corner of a node's box. */
  record Point(int x, int y) {}

  record Placed<K>(Map<K, Point> positions, int width, int height) {}

  private GraphLayout() {}

  /**
   * Lays out {@code nodes} in the order given where nothing else decides; links among them only.
   */
  static <K> Placed<K> place(List<K> nodes, List<Link<K>> links) {
    List<List<K>> layers = layers(nodes, links);
    Map<K, Integer> index = new HashMap<>();
    layers.forEach(layer -> number(layer, index));
    for (int i = 1; i < layers.size(); i++) {
      order(layers.get(i), index, parentsOf(links));
    }
    for (int i = layers.size() - 2; i >= 0; i--) {
      order(layers.get(i), index, childrenOf(links));
    }
    int widest = layers.stream().mapToInt(List::size).max().orElse(0);
    int width = 2 * MARGIN + widest * (NODE_WIDTH + GAP_X) - GAP_X;
    int height = 2 * MARGIN + layers.size() * (NODE_HEIGHT + GAP_Y) - GAP_Y;
    Map<K, Point> positions = new LinkedHashMap<>();
    for (int l = 0; l < layers.size(); l++) {
      List<K> layer = layers.get(l);
      int left = (width - (layer.size() * (NODE_WIDTH + GAP_X) - GAP_X)) / 2;
      for (int i = 0; i < layer.size(); i++) {
        positions.put(
            layer.get(i),
            new Point(left + i * (NODE_WIDTH + GAP_X), MARGIN + l * (NODE_HEIGHT + GAP_Y)));
      }
    }
    return new Placed<>(positions, width, height);
  }

  /**
   * Longest-path layering: a node without parents is in layer 0, any other one below its lowest
   * parent. A cycle (never in a dependency graph) cannot loop: no layer goes past the node count.
   */
  private static <K> List<List<K>> layers(List<K> nodes, List<Link<K>> links) {
    Map<K, Integer> layer = new LinkedHashMap<>();
    nodes.forEach(n -> layer.put(n, 0));
    boolean changed = true;
    for (int pass = 0; changed && pass < nodes.size(); pass++) {
      changed = false;
      for (Link<K> link : links) {
        int below = layer.get(link.from()) + 1;
        if (below > layer.get(link.to()) && below < nodes.size()) {
          layer.put(link.to(), below);
          changed = true;
        }
      }
    }
    List<List<K>> layers = new ArrayList<>();
    layer.forEach(
        (node, l) -> {
          while (layers.size() <= l) {
            layers.add(new ArrayList<>());
          }
          layers.get(l).add(node);
        });
    layers.removeIf(List::isEmpty);
    return layers;
  }

  /** Sorts a layer by the mean index of each node's neighbours; a node without any stays put. */
  private static <K> void order(List<K> layer, Map<K, Integer> index, Map<K, List<K>> neighbours) {
    Map<K, Double> weight = new HashMap<>();
    for (K node : layer) {
      OptionalDouble mean =
          neighbours.getOrDefault(node, List.of()).stream().mapToInt(index::get).average();
      weight.put(node, mean.orElse(index.get(node)));
    }
    layer.sort(Comparator.comparing(weight::get));
    number(layer, index);
  }

  private static <K> void number(List<K> layer, Map<K, Integer> index) {
    for (int i = 0; i < layer.size(); i++) {
      index.put(layer.get(i), i);
    }
  }

  private static <K> Map<K, List<K>> parentsOf(List<Link<K>> links) {
    Map<K, List<K>> parents = new HashMap<>();
    links.forEach(l -> parents.computeIfAbsent(l.to(), k -> new ArrayList<>()).add(l.from()));
    return parents;
  }

  private static <K> Map<K, List<K>> childrenOf(List<Link<K>> links) {
    Map<K, List<K>> children = new HashMap<>();
    links.forEach(l -> children.computeIfAbsent(l.from(), k -> new ArrayList<>()).add(l.to()));
    return children;
  }
}
