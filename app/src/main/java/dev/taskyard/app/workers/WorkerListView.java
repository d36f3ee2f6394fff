package dev.taskyard.app.workers;

import dev.taskyard.app.platform.ConsoleActions;
import dev.taskyard.app.queues.QueueStore;
import dev.taskyard.core.worker.WorkerPool;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The console's workers page ({@code console/workers/list.xhtml}): every live node with its
 * heartbeat, heap, CPU, and threads busy over total per queue, and the lost ones with their last
 * heartbeat, read in one call. The page reads it again when the live feed tells of a change.
 */
@Named
@RequestScoped
public class WorkerListView {

  @Inject QueueStore store;
  @Inject LocalWorkers localWorkers;

  private List<Row> nodes;

  /** One node on the page: as the API shows it, and whether it is lost. */
  public record Row(WorkerNodeView node, boolean lost) {}

  public List<Row> getNodes() {
    if (nodes == null) {
      nodes = List.of();
      String local = localWorkers.pool().map(WorkerPool::workerId).orElse(null);
      ConsoleActions.run(
          () ->
              nodes =
                  store.knownWorkerNodes().stream()
                      .map(
                          node ->
                              new Row(
                                  WorkerNodeView.of(node, node.nodeId().equals(local)),
                                  node.lost()))
                      .toList(),
          null);
    }
    return nodes;
  }

  /** How long ago {@code at} was, in milliseconds. */
  public long ageMs(Instant at) {
    return at == null ? 0 : Math.max(0, Duration.between(at, Instant.now()).toMillis());
  }

  /** Bytes as people read them: 512 MiB, 1.5 GiB. */
  public String bytes(long bytes) {
    if (bytes < 0) {
      return "";
    }
    double mib = bytes / (1024.0 * 1024.0);
    return mib < 1024 ? String.format("%.0f MiB", mib) : String.format("%.1f GiB", mib / 1024);
  }
}
