package dev.taskyard.core.redis;

/**
 * Every Redis key name Taskyard uses. All keys of one queue share the hash tag {@code {queue}}, so
 * each script touches one cluster slot and the engine runs unchanged on Redis Cluster.
 */
public record QueueKeys(String queue) {

  /** The set of registered queue names (global, touched only outside scripts). */
  public static final String QUEUES = "ty:queues";

  /**
   * Queues seen with new events (global, touched only outside scripts); score = when last seen
   * (ms). Kept by the application's archivers, which watch every stream, so that periodic readers
   * of queue state (alerts, metric samples) skip the queues with nothing going on.
   */
  public static final String ACTIVE_QUEUES = "ty:queues:active";

  /** The token bucket of a named rate limiter (its own hash tag: one key per limiter). */
  public static String limiter(String name) {
    return "ty:limit:{" + name + "}";
  }

  /**
   * The remembered grant of one request to a named rate limiter, in the limiter's slot: a resent
   * request takes no more permits ({@code remember} in common.lua); expires after {@link
   * Requests#MEMORY}.
   */
  public static String limiterRequest(String name) {
    return limiter(name) + ":req:" + Requests.newId();
  }

  /*
   * The worker registry's keys share the hash tag {workers} (not one tag per node): one script then
   * writes a node's record and the index together, with the Redis clock, on Redis Cluster too. The
   * registry holds a record per node, so one slot is plenty.
   */

  /**
   * Worker nodes, live and lost; score = when the node stops being live (ms), unless it beats
   * again.
   */
  public static final String WORKERS = "ty:{workers}:nodes";

  /** Prefix of the worker nodes' records: {@code WORKER_PREFIX + nodeId} (a hash with a TTL). */
  public static final String WORKER_PREFIX = "ty:{workers}:node:";

  /** Pub/sub channel that tells worker pools which queue's worker settings changed. */
  public static final String WORKER_SETTINGS_CHANNEL = "ty:workers:settings";

  /**
   * Pub/sub channel that names a worker node (the message) that joined, came back, left, or whose
   * queues, threads or busy threads changed: live views redraw.
   */
  public static final String WORKER_CHANGES_CHANNEL = "ty:workers:changed";

  /** Pub/sub channel that tells schedule runners which queue's schedules changed. */
  public static final String SCHEDULE_CHANGES_CHANNEL = "ty:schedules:changed";

  /**
   * The audit log's stream (the application's, touched only outside scripts): one entry per
   * mutation, read into PostgreSQL through a consumer group and trimmed only below what that group
   * has acknowledged.
   */
  public static final String AUDIT = "ty:audit";

  public static String worker(String nodeId) {
    return WORKER_PREFIX + nodeId;
  }

  private String key(String suffix) {
    return "ty:{" + queue + "}:" + suffix;
  }

  /** Tasks ready to run; score = priority band and time queued (see common.lua). */
  public String queued() {
    return key("queued");
  }

  /** Tasks waiting for their dependencies; score = time submitted. */
  public String waiting() {
    return key("waiting");
  }

  /** Tasks waiting for their run-at time or retry backoff; score = due time in ms. */
  public String scheduled() {
    return key("scheduled");
  }

  /** Running tasks; score = lease deadline in ms. */
  public String leased() {
    return key("leased");
  }

  /** Dead-lettered tasks (FAILED or EXPIRED); score = time dead-lettered. */
  public String dead() {
    return key("dead");
  }

  /** Succeeded and cancelled tasks kept for their retention; score = finish time. */
  public String finished() {
    return key("finished");
  }

  public String config() {
    return key("config");
  }

  /**
   * Monotonic counters: enqueued, succeeded, failed, retried, deadLettered, leasesExpired,
   * deadLettersTrimmed, recordsLost...
   */
  public String stats() {
    return key("stats");
  }

  /** Every state change, appended by the script that makes it. */
  public String events() {
    return key("events");
  }

  /**
   * The history archiver's counters of this queue's events: quarantined (set aside in PostgreSQL)
   * and dropped (trimmed from the stream before they were archived).
   */
  public String archive() {
    return key("archive");
  }

  /** Token bucket of the queue's processing rate limit. */
  public String rateBucket() {
    return key("rate");
  }

  public String durationHistogram() {
    return key("hist:duration");
  }

  public String waitHistogram() {
    return key("hist:wait");
  }

  /** Prefix of the task hashes: {@code taskPrefix() + id}. */
  public String taskPrefix() {
    return key("t:");
  }

  public String task(String id) {
    return taskPrefix() + id;
  }

  /**
   * The children of a task, as "queue/id" (a set). Lua derives it the same way from the task key
   * ({@code notifyChildren} in common.lua).
   */
  public String children(String id) {
    return task(id) + ":children";
  }

  /** The parents a waiting task still waits for, by id (a set); derived the same way in Lua. */
  public String dependencies(String id) {
    return task(id) + ":deps";
  }

  /**
   * Notifications to the children of tasks of this queue that ended (a list of "childQueue/childId
   * parentId outcome at"); derived the same way in Lua.
   */
  public String outbox() {
    return taskPrefix() + "outbox";
  }

  /** Prefix of the idempotency keys: {@code idempotencyPrefix() + key} holds the task id. */
  public String idempotencyPrefix() {
    return key("idem:");
  }

  /**
   * Prefix of the keys that record which task a schedule's fire time created ({@code
   * fireMarkPrefix() + "schedule:<name>:<fireMs>"} holds the task id): apart from the users'
   * idempotency keys, so no key a user chooses can stand for a fire.
   */
  public String fireMarkPrefix() {
    return key("fire:");
  }

  /** The queue's schedules by next fire time in ms ({@code +inf} while paused). */
  public String schedules() {
    return key("schedules");
  }

  /** Prefix of the schedule hashes: {@code schedulePrefix() + name}. */
  public String schedulePrefix() {
    return key("schedule:");
  }

  /** One schedule: its definition, task template, paused flag, revision and last fire time. */
  public String schedule(String name) {
    return schedulePrefix() + name;
  }

  /**
   * The remembered reply of one request to a state-changing script, so that a resent request
   * answers as the first did ({@code remember} in common.lua); expires after {@link
   * Requests#MEMORY}.
   */
  public String request(String requestId) {
    return key("req:" + requestId);
  }

  /** A fresh {@link #request} key, for one call of a script that remembers its reply. */
  public String newRequest() {
    return request(Requests.newId());
  }

  /**
   * The record of one claim: the ids of the tasks it leased, so that the same claim asked again
   * answers with them (see claimTasks-8.lua). Derived the same way in Lua, from the task prefix,
   * since the claim script takes no key of its own for it.
   */
  public String claim(String claimId) {
    return taskPrefix() + "claim:" + claimId;
  }

  /** Pub/sub channel on which workers hear which of their running tasks to cancel. */
  public String cancelChannel() {
    return key("cancel");
  }

  /** Pub/sub channel that wakes idle workers when tasks become ready. */
  public String wakeChannel() {
    return key("wake");
  }
}
