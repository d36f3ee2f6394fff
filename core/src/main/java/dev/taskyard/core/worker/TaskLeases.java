package dev.taskyard.core.worker;

import dev.taskyard.core.ControlCharacters;
import dev.taskyard.core.control.QueueRegistry;
import dev.taskyard.core.encryption.PayloadCipher;
import dev.taskyard.core.encryption.UnreadableValueException;
import dev.taskyard.core.redis.LuaScript;
import dev.taskyard.core.redis.QueueKeys;
import dev.taskyard.core.redis.ScriptReply;
import dev.taskyard.core.redis.ScriptRunner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The worker side of the engine, one script call per batch: claim, acknowledge, extend and release
 * leases, report progress, and the periodic upkeep of a queue. {@link WorkerPool} is built on it;
 * use it directly to drive workers of your own.
 */
public final class TaskLeases {
  private static final int CLAIM_FIELDS = 9;

  private final ScriptRunner scripts;
  private final QueueRegistry registry;
  private final PayloadCipher cipher;

  public TaskLeases(ScriptRunner scripts, QueueRegistry registry, PayloadCipher cipher) {
    this.scripts = scripts;
    this.registry = registry;
    this.cipher = cipher;
  }

  /**
   * A successful attempt; {@code resultJson} may be null. {@code usage}, what the handler's thread
   * used, is stored on the task.
   */
  public record Success(Lease lease, String resultJson, AttemptUsage usage) {
    public Success(Lease lease, String resultJson) {
      this(lease, resultJson, AttemptUsage.NONE);
    }
  }

  /**
   * A failed attempt; a non-retryable one is dead-lettered whatever attempts remain. {@code usage}
   * as for {@link Success}.
   */
  public record Failure(
      Lease lease, String error, String stackTrace, boolean retryable, AttemptUsage usage) {
    public Failure(Lease lease, String error, String stackTrace, boolean retryable) {
      this(lease, error, stackTrace, retryable, AttemptUsage.NONE);
    }
  }

  /**
   * What one upkeep pass did: tasks promoted, requeued and expired, finished tasks and dead letters
   * deleted by retention, and whether a step reached its limit, so that more is left to do.
   */
  public record Upkeep(
      long promoted,
      long requeued,
      long expired,
      long trimmed,
      long deadLettersTrimmed,
      boolean more) {}

  private final ClaimIds claimIds = new ClaimIds();

  /**
   * Leases up to {@code max} tasks, highest priority first, FIFO within a priority, under a fresh
   * claim id (its record expires with its leases).
   */
  public Claim claim(String queue, String workerId, int max) {
    return claim(queue, workerId, max, claimIds.next(), "");
  }

  /**
   * A new claim id, for {@link #claim(String, String, int, String, String)}; unique across workers
   * and restarts.
   */
  public String newClaimId() {
    return claimIds.next();
  }

  /**
   * Leases up to {@code max} tasks, highest priority first, FIFO within a priority. Claiming again
   * with the same {@code claimId} leases nothing more and answers with the tasks that claim leased
   * and still holds: a worker whose claim failed (the reply was lost, or Redisson resent it) asks
   * again with the same id at once, rather than leaving those tasks leased to nobody until their
   * leases expire.
   *
   * @param claimId unique per claim ({@link #newClaimId()}); the lease token of its tasks
   * @param previousClaimId this worker's previous claim, whose reply arrived: its record is deleted
   *     (it would otherwise last as long as its longest lease); or ""
   */
  public Claim claim(
      String queue, String workerId, int max, String claimId, String previousClaimId) {
    QueueKeys k = new QueueKeys(queue);
    ScriptReply r =
        registry.withQueue(
            queue,
            () ->
                scripts.run(
                    LuaScript.CLAIM_TASKS,
                    List.of(
                        k.queued(),
                        k.scheduled(),
                        k.leased(),
                        k.config(),
                        k.events(),
                        k.waitHistogram(),
                        k.taskPrefix(),
                        k.rateBucket(),
                        k.stats()),
                    List.of(workerId, Integer.toString(max), claimId, previousClaimId)));
    Instant at = Instant.ofEpochMilli(r.number(0));
    long next = r.number(1);
    List<ClaimedTask> tasks = new ArrayList<>((r.size() - 2) / CLAIM_FIELDS);
    List<Failure> unreadable = new ArrayList<>(0);
    for (int i = 2; i + CLAIM_FIELDS <= r.size(); i += CLAIM_FIELDS) {
      String correlationId = r.string(i + 7);
      String payload;
      try {
        payload = cipher.open(queue, "payload", r.string(i + 2));
      } catch (UnreadableValueException e) {
        // No handler could read it; a retry cannot help until the key is configured.
        unreadable.add(new Failure(new Lease(r.string(i), claimId), e.getMessage(), "", false));
        continue;
      }
      tasks.add(
          new ClaimedTask(
              queue,
              r.string(i),
              r.string(i + 1),
              payload,
              (int) r.number(i + 3),
              (int) r.number(i + 4),
              r.number(i + 5),
              (int) r.number(i + 6),
              correlationId.isEmpty() ? Optional.empty() : Optional.of(correlationId),
              Instant.ofEpochMilli(r.number(i + 8)),
              at,
              claimId));
    }
    if (!unreadable.isEmpty()) {
      fail(queue, unreadable);
    }
    return new Claim(
        at,
        next >= 0 ? Optional.of(Instant.ofEpochMilli(next)) : Optional.empty(),
        next == -2,
        tasks);
  }

  public List<Outcome> complete(String queue, List<Success> successes) {
    QueueKeys k = new QueueKeys(queue);
    List<String> args = new ArrayList<>(1 + successes.size() * 5);
    args.add(Integer.toString(successes.size()));
    for (Success s : successes) {
      args.add(s.lease().id());
      args.add(s.lease().token());
      args.add(s.resultJson() == null ? "" : cipher.seal(queue, "result", s.resultJson()));
      addUsage(args, s.usage());
    }
    ScriptReply r =
        scripts.run(
            LuaScript.COMPLETE_TASKS,
            List.of(
                k.leased(),
                k.finished(),
                k.stats(),
                k.events(),
                k.durationHistogram(),
                k.taskPrefix()),
            args);
    List<Outcome> out = new ArrayList<>(r.size());
    for (int i = 0; i < r.size(); i++) {
      Outcome.Kind kind =
          switch ((int) r.number(i)) {
            case 0 -> Outcome.Kind.SUCCEEDED;
            case 1 -> Outcome.Kind.CANCELLED;
            default -> Outcome.Kind.LEASE_LOST;
          };
      out.add(new Outcome(kind, Optional.empty()));
    }
    return out;
  }

  public List<Outcome> fail(String queue, List<Failure> failures) {
    QueueKeys k = new QueueKeys(queue);
    List<String> args = new ArrayList<>(1 + failures.size() * 8);
    args.add(Integer.toString(failures.size()));
    for (Failure f : failures) {
      args.add(f.lease().id());
      args.add(f.lease().token());
      // Handler texts go on to the history: no character PostgreSQL (or a terminal) refuses.
      args.add(f.error() == null ? "" : ControlCharacters.replace(f.error()));
      args.add(f.stackTrace() == null ? "" : ControlCharacters.replace(f.stackTrace()));
      args.add(f.retryable() ? "1" : "0");
      args.add(Double.toString(ThreadLocalRandom.current().nextDouble()));
      addUsage(args, f.usage());
    }
    ScriptReply r =
        registry.withQueue(
            queue,
            () ->
                scripts.run(
                    LuaScript.FAIL_TASKS,
                    List.of(
                        k.leased(),
                        k.scheduled(),
                        k.dead(),
                        k.config(),
                        k.stats(),
                        k.events(),
                        k.durationHistogram(),
                        k.taskPrefix(),
                        k.finished()),
                    args));
    List<Outcome> out = new ArrayList<>(r.size() / 2);
    for (int i = 0; i + 1 < r.size(); i += 2) {
      Outcome.Kind kind =
          switch ((int) r.number(i)) {
            case 1 -> Outcome.Kind.RETRY_SCHEDULED;
            case 2 -> Outcome.Kind.DEAD_LETTERED;
            case 3 -> Outcome.Kind.CANCELLED;
            default -> Outcome.Kind.LEASE_LOST;
          };
      out.add(
          new Outcome(
              kind,
              kind == Outcome.Kind.RETRY_SCHEDULED
                  ? Optional.of(Instant.ofEpochMilli(r.number(i + 1)))
                  : Optional.empty()));
    }
    return out;
  }

  /** A lease after an attempt to extend it. */
  public enum LeaseState {
    HELD,
    /** Held, and an operator asked to cancel the task. */
    CANCEL_REQUESTED,
    /** Reaped or released meanwhile: the task may run elsewhere. */
    LOST
  }

  /** Extends each lease by its task's timeout. */
  public List<LeaseState> extend(String queue, List<ClaimedTask> tasks) {
    QueueKeys k = new QueueKeys(queue);
    List<String> args = new ArrayList<>(1 + tasks.size() * 3);
    args.add(Integer.toString(tasks.size()));
    for (ClaimedTask t : tasks) {
      args.add(t.id());
      args.add(t.leaseToken());
      args.add(Long.toString(t.timeoutMs()));
    }
    ScriptReply r = scripts.run(LuaScript.EXTEND_LEASES, List.of(k.leased(), k.taskPrefix()), args);
    List<LeaseState> out = new ArrayList<>(r.size());
    for (int i = 0; i < r.size(); i++) {
      long code = r.number(i);
      out.add(
          code == 0 ? LeaseState.HELD : code == 1 ? LeaseState.CANCEL_REQUESTED : LeaseState.LOST);
    }
    return out;
  }

  /**
   * Returns leased tasks to the queue unrun, the attempt not counted (a task whose cancellation was
   * requested ends CANCELLED instead); true per task that went back to the queue.
   */
  public List<Boolean> release(String queue, List<Lease> leases) {
    QueueKeys k = new QueueKeys(queue);
    List<String> args = new ArrayList<>(2 + leases.size() * 2);
    args.add(Integer.toString(leases.size()));
    args.add(k.wakeChannel());
    for (Lease l : leases) {
      args.add(l.id());
      args.add(l.token());
    }
    return held(
        scripts.run(
            LuaScript.RELEASE_TASKS,
            List.of(k.leased(), k.queued(), k.events(), k.taskPrefix(), k.finished(), k.stats()),
            args));
  }

  /** Stores progress (percent 0-100 and a message) of running tasks. */
  public List<Boolean> progress(
      String queue, List<Lease> leases, List<Integer> percents, List<String> messages) {
    QueueKeys k = new QueueKeys(queue);
    List<String> args = new ArrayList<>(1 + leases.size() * 4);
    args.add(Integer.toString(leases.size()));
    for (int i = 0; i < leases.size(); i++) {
      args.add(leases.get(i).id());
      args.add(leases.get(i).token());
      args.add(Integer.toString(percents.get(i)));
      args.add(messages.get(i));
    }
    return held(scripts.run(LuaScript.REPORT_PROGRESS, List.of(k.events(), k.taskPrefix()), args));
  }

  /**
   * Promotes due tasks, returns expired leases to the queue (or dead-letters them), and deletes
   * finished tasks past retention and dead letters past their retention; at most {@code limit} of
   * each, so a call blocks Redis briefly however large the backlog ({@link Upkeep#more()} tells to
   * call again). Safe on many nodes at once.
   */
  public Upkeep maintain(String queue, int limit) {
    QueueKeys k = new QueueKeys(queue);
    ScriptReply r =
        registry.withQueue(
            queue,
            () ->
                scripts.run(
                    LuaScript.MAINTAIN_QUEUE,
                    List.of(
                        k.queued(),
                        k.scheduled(),
                        k.leased(),
                        k.dead(),
                        k.finished(),
                        k.config(),
                        k.stats(),
                        k.events(),
                        k.taskPrefix()),
                    List.of(Integer.toString(limit), k.wakeChannel())));
    return new Upkeep(
        r.number(0), r.number(1), r.number(2), r.number(3), r.number(4), r.number(5) == 1);
  }

  /** CPU time in microseconds and bytes allocated; "" for what was not measured. */
  private static void addUsage(List<String> args, AttemptUsage usage) {
    args.add(usage.cpuTime() == null ? "" : Long.toString(usage.cpuTime().toNanos() / 1000));
    args.add(usage.allocatedBytes() == null ? "" : Long.toString(usage.allocatedBytes()));
  }

  private static List<Boolean> held(ScriptReply r) {
    List<Boolean> out = new ArrayList<>(r.size());
    for (int i = 0; i < r.size(); i++) {
      out.add(r.number(i) == 0);
    }
    return out;
  }
}
