package dev.taskyard.core.control;

import dev.taskyard.core.redis.LuaScript;
import dev.taskyard.core.redis.QueueKeys;
import dev.taskyard.core.redis.ScriptError;
import dev.taskyard.core.redis.ScriptFailure;
import dev.taskyard.core.redis.ScriptReply;
import dev.taskyard.core.redis.ScriptRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.redisson.api.RBatch;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/** Lists queues and reads and changes their settings. */
public final class QueueAdmin {
  private final RedissonClient redisson;
  private final QueueRegistry registry;
  private final ScriptRunner scripts;

  public QueueAdmin(RedissonClient redisson, QueueRegistry registry, ScriptRunner scripts) {
    this.redisson = redisson;
    this.registry = registry;
    this.scripts = scripts;
  }

  /** Every registered queue, sorted by name. */
  public List<String> queues() {
    return registry.names();
  }

  /** Creates the queue if needed and stores the settings; every node uses them at once. */
  public void configure(String queue, QueueSettings settings) {
    store(queue, settings.toHash());
  }

  /**
   * Creates the queue if needed and writes only the settings in which {@code after} differs from
   * {@code before} (the settings the change was made to), each field on its own: a concurrent
   * change of another field, such as a thread count scaled meanwhile, is kept.
   */
  public void change(String queue, QueueSettings before, QueueSettings after) {
    Map<String, String> old = before.toHash();
    Map<String, String> fields = new LinkedHashMap<>(after.toHash());
    fields.entrySet().removeIf(field -> field.getValue().equals(old.get(field.getKey())));
    if (fields.isEmpty()) {
      registry.ensure(QueueNames.check(queue));
      return;
    }
    store(queue, fields);
  }

  /**
   * Sets how many threads every worker node runs for the queue (0 = each pool's own count),
   * creating the queue if needed; running pools resize within a second. Not used while the queue
   * autoscales.
   */
  public void setWorkerThreads(String queue, int threadsPerNode) {
    WorkerScaling.checkThreads("threadsPerNode", threadsPerNode, 0);
    store(queue, Map.of(WorkerScaling.THREADS, Integer.toString(threadsPerNode)));
  }

  /**
   * Stores the queue's worker settings, autoscaling included, creating the queue if needed; running
   * pools apply them within a second.
   */
  public void setWorkerScaling(String queue, WorkerScaling scaling) {
    store(queue, scaling.toHash());
  }

  /** The worker settings of each queue, read in one round trip (defaults for unknown queues). */
  public Map<String, WorkerScaling> workerScaling(Collection<String> queues) {
    RBatch batch = redisson.createBatch();
    queues.forEach(
        q ->
            batch
                .<String, String>getMap(new QueueKeys(q).config(), StringCodec.INSTANCE)
                .getAllAsync(Set.copyOf(WorkerScaling.FIELDS)));
    List<?> replies = queues.isEmpty() ? List.of() : batch.execute().getResponses();
    Map<String, WorkerScaling> out = new LinkedHashMap<>();
    int i = 0;
    for (String q : queues) {
      @SuppressWarnings("unchecked")
      Map<String, String> fields = (Map<String, String>) replies.get(i++);
      out.put(q, WorkerScaling.fromHash(fields));
    }
    return out;
  }

  /** Writes settings fields and tells the worker pools, which re-read their queues' settings. */
  private void store(String queue, Map<String, String> fields) {
    QueueNames.check(queue);
    registry.ensure(queue);
    update(queue, "queue-configured", "", fields);
    redisson.getTopic(QueueKeys.WORKER_SETTINGS_CHANNEL, StringCodec.INSTANCE).publish(queue);
  }

  public QueueSettings settings(String queue) {
    QueueNames.check(queue);
    Map<String, String> hash =
        redisson
            .<String, String>getMap(new QueueKeys(queue).config(), StringCodec.INSTANCE)
            .readAllMap();
    if (hash.isEmpty()) {
      throw new UnknownQueueException(queue);
    }
    return QueueSettings.fromHash(hash);
  }

  /**
   * The settings of each queue that exists among {@code queues}, read in one pipelined round trip;
   * a queue without settings (deleted meanwhile) is left out.
   */
  public Map<String, QueueSettings> settings(List<String> queues) {
    if (queues.isEmpty()) {
      return Map.of();
    }
    RBatch batch = redisson.createBatch();
    for (String queue : queues) {
      batch
          .<String, String>getMap(new QueueKeys(queue).config(), StringCodec.INSTANCE)
          .readAllMapAsync();
    }
    List<?> hashes = batch.execute().getResponses();
    Map<String, QueueSettings> settings = new LinkedHashMap<>();
    for (int i = 0; i < queues.size(); i++) {
      @SuppressWarnings("unchecked")
      Map<String, String> hash = (Map<String, String>) hashes.get(i);
      if (!hash.isEmpty()) {
        settings.put(queues.get(i), QueueSettings.fromHash(hash));
      }
    }
    return settings;
  }

  /** Task records one step of a queue delete removes: a step never holds Redis for long. */
  static final int DELETE_STEP = 1000;

  private static final Duration HISTORY_POLL = Duration.ofMillis(50);

  /**
   * Deletes a queue from Redis: every task record (with its dependency sets and idempotency key),
   * schedule, setting, counter and its event stream, in steps of {@value #DELETE_STEP} tasks; the
   * queue is paused (on every node) from the first step. The task history in PostgreSQL stays.
   * Unless {@code force}, a queue holding tasks that have not ended is refused before anything
   * changes. The event stream goes last, once every consumer group has read and acknowledged all of
   * it (the archiver), waiting up to {@code historyWait} for that.
   *
   * <p>A node whose workers still serve the queue creates it again, empty and with default
   * settings, on its next claim, as any use of a queue name does: stop those workers first.
   *
   * @return how many task records were removed
   * @throws UnknownQueueException no queue of that name is registered
   * @throws QueueNotEmptyException it holds tasks that have not ended and {@code force} is false
   * @throws HistoryBehindException the tasks are gone but the stream's readers did not catch up in
   *     time; deleting again later finishes
   */
  public long delete(String queue, boolean force, Duration historyWait) {
    QueueNames.check(queue);
    if (!registry.exists(queue)) {
      throw new UnknownQueueException(queue);
    }
    QueueKeys k = new QueueKeys(queue);
    List<String> keys =
        List.of(
            k.config(),
            k.queued(),
            k.scheduled(),
            k.waiting(),
            k.leased(),
            k.finished(),
            k.dead(),
            k.taskPrefix(),
            k.events(),
            k.stats(),
            k.durationHistogram(),
            k.waitHistogram(),
            k.rateBucket(),
            k.outbox(),
            k.schedules(),
            k.schedulePrefix(),
            k.idempotencyPrefix());
    List<String> args = List.of(Integer.toString(DELETE_STEP), force ? "1" : "0");
    long deadline = System.nanoTime() + historyWait.toNanos();
    long removed = 0;
    while (true) {
      ScriptReply r;
      try {
        r = scripts.run(LuaScript.DELETE_QUEUE, keys, args);
      } catch (ScriptFailure e) {
        if (e.error() == ScriptError.QUEUE_NOT_EMPTY) {
          ScriptReply c = e.reply();
          throw new QueueNotEmptyException(
              queue, c.number(0), c.number(1), c.number(2), c.number(3));
        }
        if (e.error() != ScriptError.HISTORY_BEHIND) {
          throw e;
        }
        if (System.nanoTime() >= deadline) {
          throw new HistoryBehindException(queue);
        }
        // An admin action, never on a hot path: the archiver acknowledges within moments.
        LockSupport.parkNanos(HISTORY_POLL.toNanos());
        continue;
      }
      removed += r.number(1);
      if (r.number(0) == 0) { // nothing more to delete
        break;
      }
    }
    redisson.getSet(QueueKeys.QUEUES, StringCodec.INSTANCE).remove(queue);
    registry.forget(queue);
    return removed;
  }

  /** Stops claims on every node at once; submits are still accepted. */
  public void pause(String queue) {
    setPaused(queue, true);
  }

  public void resume(String queue) {
    setPaused(queue, false);
  }

  private void setPaused(String queue, boolean paused) {
    QueueNames.check(queue);
    if (!registry.exists(queue)) {
      throw new UnknownQueueException(queue);
    }
    update(
        queue,
        paused ? "queue-paused" : "queue-resumed",
        paused ? "" : new QueueKeys(queue).wakeChannel(),
        Map.of("paused", paused ? "1" : "0"));
  }

  /** Writes config fields and their event in one step; a wake channel, if given, is told. */
  private void update(String queue, String event, String wakeChannel, Map<String, String> fields) {
    QueueKeys k = new QueueKeys(queue);
    List<String> args = new ArrayList<>(List.of(event, wakeChannel));
    fields.forEach(
        (name, value) -> {
          args.add(name);
          args.add(value);
        });
    scripts.run(LuaScript.UPDATE_QUEUE_CONFIG, List.of(k.config(), k.events()), args);
  }
}
