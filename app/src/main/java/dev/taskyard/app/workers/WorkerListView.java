package dev.taskyard.app.workers;

import dev.taskyard.app.platform.ConsoleActions;
import dev.taskyard.app.queues.QueueStore;
import dev.taskyard.app.tasks.RunningTasks;
import dev.taskyard.core.task.TaskRecord;
import dev.taskyard.core.worker.WorkerPool;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The console's workers page ({@code console/workers/list.xhtml}): every live node with its
 * heartbeat, heap, CPU, threads busy over total per queue and the tasks it runs, and the lost ones
 * with their last heartbeat. The page reads it again when the live feed tells of a change.
 */
@Named
@RequestScoped
public class WorkerListView {

  /** At most this many running tasks per queue are read for the page. */
  static final int RUNNING_PER_QUEUE = 200;

  @Inject QueueStore store;
  @Inject RunningTasks running;
  @Inject LocalWorkers localWorkers;

  private List<Row> nodes;

  /**
   * One node on the page: as the API shows it, whether it is lost, and the tasks it runs (a lost
   * node's until their leases end).
   */
  public record Row(WorkerNodeView node, List<TaskRecord> running) {
    /** The running tasks shown by id; the rest are counted. */
    static final int SHOWN = 5;

    public List<TaskRecord> shown() {
      return running.subList(0, Math.min(SHOWN, running.size()));
    }

    public int notShown() {
      return running.size() - shown().size();
    }
  }

  public List<Row> getNodes() {
    if (nodes == null) {
      nodes = List.of();
      String local = localWorkers.pool().map(WorkerPool::workerId).orElse(null);
      ConsoleActions.run(
          () -> {
            Map<String, List<TaskRecord>> byWorker =
                running.all(RUNNING_PER_QUEUE).stream()
                    .collect(Collectors.groupingBy(t -> t.workerId().orElse("")));
            nodes =
                store.knownWorkerNodes().stream()
                    .map(
                        node ->
                            new Row(
                                WorkerNodeView.of(node, node.nodeId().equals(local)),
                                byWorker.getOrDefault(node.nodeId(), List.of())))
                    .toList();
          },
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
