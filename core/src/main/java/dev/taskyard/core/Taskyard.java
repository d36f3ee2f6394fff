package dev.taskyard.core;

import dev.taskyard.core.control.QueueAdmin;
import dev.taskyard.core.control.QueueRegistry;
import dev.taskyard.core.control.RateLimiter;
import dev.taskyard.core.control.TaskControl;
import dev.taskyard.core.deadletter.DeadLetters;
import dev.taskyard.core.dependency.Dependencies;
import dev.taskyard.core.dependency.DependencyOutbox;
import dev.taskyard.core.encryption.PayloadCipher;
import dev.taskyard.core.enqueue.TaskProducer;
import dev.taskyard.core.events.EventLog;
import dev.taskyard.core.redis.EvictionPolicy;
import dev.taskyard.core.redis.RedisTopology;
import dev.taskyard.core.redis.ScriptRunner;
import dev.taskyard.core.schedule.ScheduleRunner;
import dev.taskyard.core.schedule.Schedules;
import dev.taskyard.core.stats.QueueStats;
import dev.taskyard.core.task.TaskLookup;
import dev.taskyard.core.worker.TaskLeases;
import dev.taskyard.core.worker.WorkerPool;
import dev.taskyard.core.worker.WorkerRegistry;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the engine: producers, workers and the admin and read APIs over one Redis.
 *
 * <pre>{@code
 * try (Taskyard taskyard = Taskyard.connect("redis://localhost:6379")) {
 *   taskyard.producer().submit("emails", TaskRequest.of("email.send", "{\"to\":\"a@b.c\"}"));
 * }
 * }</pre>
 */
public final class Taskyard implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Taskyard.class);

  private final RedissonClient redisson;
  private final boolean ownsClient;
  private final TaskyardOptions options;
  private final QueueRegistry registry;
  private final TaskProducer producer;
  private final QueueAdmin queues;
  private final QueueStats stats;
  private final TaskLookup tasks;
  private final DeadLetters deadLetters;
  private final EventLog events;
  private final TaskLeases leases;
  private final TaskControl control;
  private final RateLimiter rateLimiter;
  private final DependencyOutbox outbox;
  private final Dependencies dependencies;
  private final Schedules schedules;
  private final WorkerRegistry workers;

  private Taskyard(RedissonClient redisson, boolean ownsClient, TaskyardOptions options) {
    if (!redisson.getConfig().isUseScriptCache()) {
      LOG.warn("Redisson's useScriptCache is off: every script call sends the whole script");
    }
    EvictionPolicy.read(redisson).warning().ifPresent(LOG::warn);
    this.redisson = redisson;
    this.ownsClient = ownsClient;
    this.options = options;
    ScriptRunner scripts = new ScriptRunner(redisson);
    PayloadCipher cipher = PayloadCipher.of(options.encryption());
    this.registry = new QueueRegistry(redisson, scripts);
    this.tasks = new TaskLookup(redisson, cipher);
    this.outbox = new DependencyOutbox(redisson, scripts);
    this.producer =
        new TaskProducer(
            scripts,
            registry,
            tasks,
            outbox,
            options.maxPayloadBytes(),
            cipher,
            options.durability());
    this.queues = new QueueAdmin(redisson, registry, scripts);
    this.stats = new QueueStats(redisson, scripts);
    this.events = new EventLog(redisson, registry);
    this.leases = new TaskLeases(scripts, registry, cipher);
    this.dependencies = new Dependencies(redisson, tasks);
    this.control = new TaskControl(scripts, tasks, outbox);
    this.deadLetters = new DeadLetters(redisson, control, tasks);
    this.rateLimiter = new RateLimiter(scripts);
    this.schedules = new Schedules(scripts, registry, producer, cipher, redisson);
    this.workers = new WorkerRegistry(redisson, scripts);
  }

  /** Uses a Redisson client the caller owns and closes. */
  public static Taskyard create(RedissonClient redisson, TaskyardOptions options) {
    return new Taskyard(redisson, false, options);
  }

  /**
   * Connects to one Redis server ({@code redis://[:password@]host:port[/db]}); closed with this.
   */
  public static Taskyard connect(String redisUrl) {
    return connect(RedisTopology.single(redisUrl), TaskyardOptions.defaults());
  }

  public static Taskyard connect(String redisUrl, TaskyardOptions options) {
    return connect(RedisTopology.single(redisUrl), options);
  }

  /** Connects to a server, a Sentinel-managed master or a cluster; closed with this. */
  public static Taskyard connect(RedisTopology topology) {
    return connect(topology, TaskyardOptions.defaults());
  }

  public static Taskyard connect(RedisTopology topology, TaskyardOptions options) {
    return new Taskyard(Redisson.create(topology.config()), true, options);
  }

  public TaskProducer producer() {
    return producer;
  }

  public QueueAdmin queues() {
    return queues;
  }

  public QueueStats stats() {
    return stats;
  }

  public TaskLookup tasks() {
    return tasks;
  }

  /** Operator actions: cancel, retry, promote, reprioritise, delete, drain. */
  public TaskControl control() {
    return control;
  }

  /** Named rate limiters shared by every node, such as one per submitting client. */
  public RateLimiter rateLimiter() {
    return rateLimiter;
  }

  /**
   * Delivers the ends of parent tasks to their children; worker pools and control actions drain it
   * themselves. Call {@code drain(queue)} after acknowledging through {@link #leases()}.
   */
  public DependencyOutbox dependencyOutbox() {
    return outbox;
  }

  /** Dependency graphs: a task's parents and children with their states. */
  public Dependencies dependencies() {
    return dependencies;
  }

  /** Recurring schedules: create, change, pause, list. {@link #scheduler()} fires them. */
  public Schedules schedules() {
    return schedules;
  }

  /**
   * A runner that fires the due schedules of every queue, not yet started: {@code
   * scheduler().start()} on one node or more, closed when the node stops.
   */
  public ScheduleRunner scheduler() {
    return schedules.runner();
  }

  public DeadLetters deadLetters() {
    return deadLetters;
  }

  public EventLog events() {
    return events;
  }

  /** The low-level worker operations, for workers that do not use {@link WorkerPool}. */
  public TaskLeases leases() {
    return leases;
  }

  /** The live worker nodes, with their queues, threads and load. */
  public WorkerRegistry workers() {
    return workers;
  }

  public WorkerPool.Builder workerPool() {
    return new WorkerPool.Builder(
        redisson, registry, leases, outbox, queues, stats, workers, options.maxPayloadBytes());
  }

  public RedissonClient redisson() {
    return redisson;
  }

  @Override
  public void close() {
    if (ownsClient) {
      redisson.shutdown();
    }
  }
}
