package dev.taskyard.core.worker;

import dev.taskyard.core.control.QueueNames;
import dev.taskyard.core.redis.LuaScript;
import dev.taskyard.core.redis.QueueKeys;
import dev.taskyard.core.redis.ScriptReply;
import dev.taskyard.core.redis.ScriptRunner;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.redisson.api.RBatch;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * The worker nodes. Every {@link WorkerPool} beats once a second into a record of its own; a node
 * that misses three beats is lost (it died or halted, or cannot reach Redis), and is still listed
 * as lost, with its last record, for {@link #LOST_RETENTION} before it is forgotten. A pool that
 * closes leaves at once and is not lost. Reading costs one script call whatever the queues'
 * lengths. A node that joins, comes back, changes its load or leaves is announced on {@link
 * QueueKeys#WORKER_CHANGES_CHANNEL} by the same call that records it.
 */
public final class WorkerRegistry {
  /** How often a pool beats. */
  static final Duration HEARTBEAT = Duration.ofSeconds(1);

  /** How long a node stays listed after its last beat. */
  public static final Duration TIME_TO_LIVE = HEARTBEAT.multipliedBy(3);

  /** How long a lost node stays listed as lost, with its last record, before it is forgotten. */
  public static final Duration LOST_RETENTION = Duration.ofMinutes(15);

  private final RedissonClient redisson;
  private final ScriptRunner scripts;

  public WorkerRegistry(RedissonClient redisson, ScriptRunner scripts) {
    this.redisson = redisson;
    this.scripts = scripts;
  }

  /** Every live node, sorted by node id. */
  public List<WorkerNode> nodes() {
    return knownNodes().stream().filter(n -> !n.lost()).toList();
  }

  /**
   * Every live node and every lost one not yet forgotten ({@link WorkerNode#lost()}), sorted by
   * node id: one script call.
   */
  public List<WorkerNode> knownNodes() {
    ScriptReply r =
        scripts.run(
            LuaScript.LIST_WORKERS,
            List.of(QueueKeys.WORKERS, QueueKeys.WORKER_PREFIX),
            List.of(Long.toString(LOST_RETENTION.toMillis())));
    List<WorkerNode> nodes = new ArrayList<>();
    for (int i = 1; i < r.size(); ) {
      String nodeId = r.string(i);
      boolean lost = r.number(i + 1) == 0;
      int values = (int) r.number(i + 2);
      Map<String, String> record = new HashMap<>();
      for (int v = i + 3; v < i + 3 + values; v += 2) {
        record.put(r.string(v), r.string(v + 1));
      }
      nodes.add(fromRecord(nodeId, record, lost));
      i += 3 + values;
    }
    nodes.sort(Comparator.comparing(WorkerNode::nodeId));
    return nodes;
  }

  /** The live nodes that work on {@code queue}. */
  public List<WorkerNode> nodes(String queue) {
    QueueNames.check(queue);
    return nodes().stream().filter(n -> n.queue(queue).isPresent()).toList();
  }

  /**
   * Writes a node's record and keeps it live for {@link #TIME_TO_LIVE}: one script call. {@code
   * changed} says that its queues, threads or busy threads differ from its last beat, which then
   * announces it.
   */
  void beat(String nodeId, Instant startedAt, List<WorkerNode.QueueLoad> queues, boolean changed) {
    MemoryUsage heap = LocalProcess.heap();
    List<String> args = new ArrayList<>();
    args.add(nodeId);
    args.add(Long.toString(TIME_TO_LIVE.toMillis()));
    args.add(Long.toString(LOST_RETENTION.toMillis()));
    args.add(changed ? "1" : "0");
    args.add(QueueKeys.WORKER_CHANGES_CHANNEL);
    addField(args, "host", LocalProcess.HOST);
    addField(args, "pid", LocalProcess.PID);
    addField(args, "startedAt", startedAt.toEpochMilli());
    addField(args, "heapUsedBytes", heap.getUsed());
    addField(args, "heapMaxBytes", heap.getMax());
    addField(args, "processCpuLoad", LocalProcess.cpuLoad());
    addField(args, "queues", String.join(",", queues.stream().map(q -> q.queue()).toList()));
    for (WorkerNode.QueueLoad q : queues) {
      // Queue names hold no ':' or ',' (QueueNames), so these field names parse back unambiguously.
      addField(args, "threads:" + q.queue(), q.threads());
      addField(args, "busy:" + q.queue(), q.busyThreads());
      addField(args, "succeeded:" + q.queue(), q.succeeded());
      addField(args, "failed:" + q.queue(), q.failed());
    }
    scripts.run(LuaScript.BEAT_WORKER, List.of(QueueKeys.worker(nodeId), QueueKeys.WORKERS), args);
  }

  /** Removes a node at once, as a pool does when it closes, and announces it. */
  void leave(String nodeId) {
    RBatch batch = redisson.createBatch();
    batch.getKeys().deleteAsync(QueueKeys.worker(nodeId));
    batch.getScoredSortedSet(QueueKeys.WORKERS, StringCodec.INSTANCE).removeAsync(nodeId);
    batch.getTopic(QueueKeys.WORKER_CHANGES_CHANNEL, StringCodec.INSTANCE).publishAsync(nodeId);
    batch.execute();
  }

  private static void addField(List<String> args, String field, Object value) {
    args.add(field);
    args.add(String.valueOf(value));
  }

  private static WorkerNode fromRecord(String nodeId, Map<String, String> h, boolean lost) {
    List<WorkerNode.QueueLoad> queues = new ArrayList<>();
    String names = h.getOrDefault("queues", "");
    for (String q : names.isEmpty() ? List.<String>of() : Arrays.asList(names.split(","))) {
      queues.add(
          new WorkerNode.QueueLoad(
              q,
              Integer.parseInt(h.get("threads:" + q)),
              Integer.parseInt(h.get("busy:" + q)),
              Long.parseLong(h.get("succeeded:" + q)),
              Long.parseLong(h.get("failed:" + q))));
    }
    return new WorkerNode(
        nodeId,
        h.get("host"),
        Long.parseLong(h.get("pid")),
        Instant.ofEpochMilli(Long.parseLong(h.get("startedAt"))),
        Instant.ofEpochMilli(Long.parseLong(h.get("lastBeat"))),
        Long.parseLong(h.get("heapUsedBytes")),
        Long.parseLong(h.get("heapMaxBytes")),
        Double.parseDouble(h.get("processCpuLoad")),
        List.copyOf(queues),
        lost);
  }
}
