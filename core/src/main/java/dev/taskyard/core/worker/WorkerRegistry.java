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
 * The live worker nodes. Every {@link WorkerPool} beats once a second into a record of its own that
 * expires three beats later: a pool that closes leaves at once, one that dies or halts drops out
 * when its record expires. Reading costs one script call whatever the queues' lengths.
 */
public final class WorkerRegistry {
  /** How often a pool beats. */
  static final Duration HEARTBEAT = Duration.ofSeconds(1);

  /** How long a node stays listed after its last beat. */
  static final Duration TIME_TO_LIVE = HEARTBEAT.multipliedBy(3);

  private final RedissonClient redisson;
  private final ScriptRunner scripts;

  public WorkerRegistry(RedissonClient redisson, ScriptRunner scripts) {
    this.redisson = redisson;
    this.scripts = scripts;
  }

  /** Every live node, sorted by node id. */
  public List<WorkerNode> nodes() {
    ScriptReply r =
        scripts.run(
            LuaScript.LIST_WORKERS, List.of(QueueKeys.WORKERS, QueueKeys.WORKER_PREFIX), List.of());
    List<WorkerNode> nodes = new ArrayList<>();
    for (int i = 1; i < r.size(); ) {
      String nodeId = r.string(i);
      int values = (int) r.number(i + 1);
      Map<String, String> record = new HashMap<>();
      for (int v = i + 2; v < i + 2 + values; v += 2) {
        record.put(r.string(v), r.string(v + 1));
      }
      nodes.add(fromRecord(nodeId, record));
      i += 2 + values;
    }
    nodes.sort(Comparator.comparing(WorkerNode::nodeId));
    return nodes;
  }

  /** The live nodes that work on {@code queue}. */
  public List<WorkerNode> nodes(String queue) {
    QueueNames.check(queue);
    return nodes().stream().filter(n -> n.queue(queue).isPresent()).toList();
  }

  /** Writes a node's record and keeps it listed for {@link #TIME_TO_LIVE}: one script call. */
  void beat(String nodeId, Instant startedAt, List<WorkerNode.QueueLoad> queues) {
    MemoryUsage heap = LocalProcess.heap();
    List<String> args = new ArrayList<>();
    args.add(nodeId);
    args.add(Long.toString(TIME_TO_LIVE.toMillis()));
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

  /** Removes a node at once, as a pool does when it closes. */
  void leave(String nodeId) {
    RBatch batch = redisson.createBatch();
    batch.getKeys().deleteAsync(QueueKeys.worker(nodeId));
    batch.getScoredSortedSet(QueueKeys.WORKERS, StringCodec.INSTANCE).removeAsync(nodeId);
    batch.execute();
  }

  private static void addField(List<String> args, String field, Object value) {
    args.add(field);
    args.add(String.valueOf(value));
  }

  private static WorkerNode fromRecord(String nodeId, Map<String, String> h) {
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
        List.copyOf(queues));
  }
}
