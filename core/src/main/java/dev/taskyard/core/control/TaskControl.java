package dev.taskyard.core.control;

import dev.taskyard.core.InvalidInputException;
import dev.taskyard.core.dependency.DependencyOutbox;
import dev.taskyard.core.redis.LuaScript;
import dev.taskyard.core.redis.QueueKeys;
import dev.taskyard.core.redis.ScriptError;
import dev.taskyard.core.redis.ScriptFailure;
import dev.taskyard.core.redis.ScriptReply;
import dev.taskyard.core.redis.ScriptRunner;
import dev.taskyard.core.task.IllegalTransitionException;
import dev.taskyard.core.task.TaskLookup;
import dev.taskyard.core.task.TaskNotFoundException;
import dev.taskyard.core.task.TaskPriority;
import dev.taskyard.core.task.TaskRecord;
import dev.taskyard.core.task.TaskState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What an operator does to tasks and queues: cancel, retry, promote, reprioritise, delete, drain.
 * Each action is one atomic script; none leaves a task half-changed.
 */
public final class TaskControl {
  /** Tasks cancelled per step of a drain, so Redis is never blocked for long. */
  static final int DRAIN_STEP = 1000;

  private final ScriptRunner scripts;
  private final TaskLookup lookup;
  private final DependencyOutbox outbox;

  public TaskControl(ScriptRunner scripts, TaskLookup lookup, DependencyOutbox outbox) {
    this.scripts = scripts;
    this.lookup = lookup;
    this.outbox = outbox;
  }

  /** What became of a cancel request. */
  public enum Cancellation {
    /** It had not started and never will. */
    CANCELLED,
    /** It is running: its worker was asked to stop it; it ends CANCELLED when it does. */
    REQUESTED
  }

  /** Counts of a drain. */
  public record Drained(long queued, long scheduled, long waiting) {
    public long total() {
      return queued + scheduled + waiting;
    }
  }

  /**
   * Cancels a task: at once if it has not started, cooperatively if it runs.
   *
   * @throws TaskNotFoundException no such task
   * @throws IllegalTransitionException it has ended already
   */
  public Cancellation cancel(String queue, String id) {
    QueueKeys k = keys(queue);
    List<String> keys = cancelKeys(k, k.newRequest());
    ScriptReply r =
        run(
            queue,
            () ->
                scripts.run(LuaScript.CANCEL_TASKS, keys, List.of(k.cancelChannel(), checkId(id))));
    outbox.drain(queue);
    long code = r.number(0);
    if (code == ScriptError.TASK_NOT_FOUND.code()) {
      throw new TaskNotFoundException(queue, id);
    }
    if (code == ScriptError.ILLEGAL_TRANSITION.code()) {
      throw new IllegalTransitionException(id, stateOf(queue, id), TaskState.CANCELLED);
    }
    return code == 0 ? Cancellation.CANCELLED : Cancellation.REQUESTED;
  }

  /**
   * Runs an ended task again (FAILED, EXPIRED or CANCELLED) with a fresh set of attempts.
   *
   * @throws IllegalTransitionException it has not ended, or it succeeded
   */
  public void retry(String queue, String id) {
    long code = retryTasks(queue, RetryScope.ANY_ENDED, 0, List.of(checkId(id))).get(id);
    if (code == ScriptError.TASK_NOT_FOUND.code()) {
      throw new TaskNotFoundException(queue, id);
    }
    if (code == ScriptError.ILLEGAL_TRANSITION.code()) {
      throw new IllegalTransitionException(id, stateOf(queue, id), TaskState.QUEUED);
    }
  }

  /** Which ended tasks a retry may take. */
  public enum RetryScope {
    /** The given tasks, if FAILED, EXPIRED or CANCELLED. */
    ANY_ENDED("ids"),
    /** The given tasks, if dead letters (FAILED or EXPIRED). */
    DEAD_LETTERS("dead-ids"),
    /** The oldest dead letters, up to the limit; no ids given. */
    OLDEST_DEAD_LETTERS("dead");

    private final String mode;

    RetryScope(String mode) {
      this.mode = mode;
    }
  }

  /**
   * Runs ended tasks again in one atomic step, each with a fresh set of attempts.
   *
   * @return each candidate's id and code, in order: 0 retried, -1 not found, -3 not retryable
   */
  public Map<String, Long> retryTasks(String queue, RetryScope scope, int limit, List<String> ids) {
    QueueKeys k = keys(queue);
    List<String> args =
        new ArrayList<>(List.of(k.wakeChannel(), scope.mode, Integer.toString(limit)));
    args.addAll(ids);
    String request = k.newRequest();
    ScriptReply r =
        run(
            queue,
            () ->
                scripts.run(
                    LuaScript.RETRY_TASKS,
                    List.of(
                        k.dead(),
                        k.queued(),
                        k.stats(),
                        k.events(),
                        k.taskPrefix(),
                        k.config(),
                        k.finished(),
                        request),
                    args));
    Map<String, Long> codes = new LinkedHashMap<>();
    for (int i = 0; i + 1 < r.size(); i += 2) {
      codes.put(r.string(i), r.number(i + 1));
    }
    return codes;
  }

  /** The ids a {@link #retryTasks} call retried, in order. */
  public static List<String> retried(Map<String, Long> codes) {
    return codes.entrySet().stream().filter(e -> e.getValue() == 0).map(Map.Entry::getKey).toList();
  }

  /** Makes a scheduled task (future run-at or retry backoff) run now. */
  public void promote(String queue, String id) {
    QueueKeys k = keys(queue);
    String request = k.newRequest();
    single(
        queue,
        id,
        TaskState.QUEUED,
        () ->
            scripts.run(
                LuaScript.PROMOTE_TASK,
                List.of(k.scheduled(), k.queued(), k.events(), k.taskPrefix(), k.config(), request),
                List.of(checkId(id), k.wakeChannel())));
  }

  /** Changes the priority of a task that has not started. */
  public void reprioritize(String queue, String id, int priority) {
    reprioritize(queue, id, priority, false);
  }

  /** Puts a queued task ahead of every other, at the highest priority. */
  public void runNext(String queue, String id) {
    reprioritize(queue, id, TaskPriority.MAX, true);
  }

  /**
   * Moves a queued task one place towards the head of the queue ({@link TaskMove#UP}) or its tail;
   * false when it is first (or last) already.
   */
  public boolean move(String queue, String id, TaskMove move) {
    QueueKeys k = keys(queue);
    String request = k.newRequest();
    ScriptReply reply =
        single(
            queue,
            id,
            TaskState.QUEUED,
            () ->
                scripts.run(
                    LuaScript.MOVE_TASK,
                    List.of(k.queued(), k.events(), k.taskPrefix(), k.config(), request),
                    List.of(checkId(id), move.name().toLowerCase(Locale.ROOT))));
    return reply.number(0) == 1;
  }

  private void reprioritize(String queue, String id, int priority, boolean next) {
    if (priority < TaskPriority.MIN || priority > TaskPriority.MAX) {
      throw new InvalidInputException(
          "priority", "must be " + TaskPriority.MIN + "-" + TaskPriority.MAX + ", was " + priority);
    }
    QueueKeys k = keys(queue);
    single(
        queue,
        id,
        TaskState.QUEUED,
        () ->
            scripts.run(
                LuaScript.REPRIORITIZE_TASK,
                List.of(k.queued(), k.events(), k.taskPrefix(), k.config()),
                List.of(checkId(id), Integer.toString(priority), next ? "next" : "")));
  }

  /** Deletes an ended task and its record. */
  public void delete(String queue, String id) {
    QueueKeys k = keys(queue);
    String request = k.newRequest();
    single(
        queue,
        id,
        null,
        () ->
            scripts.run(
                LuaScript.DELETE_TASK,
                List.of(k.finished(), k.dead(), k.events(), k.taskPrefix(), k.config(), request),
                List.of(checkId(id))));
  }

  /**
   * Cancels every queued, scheduled and waiting task of the queue, in steps of {@value
   * #DRAIN_STEP}; running tasks go on. Tasks submitted meanwhile may be drained too.
   */
  public Drained drain(String queue) {
    QueueKeys k = keys(queue);
    long queued = 0;
    long scheduled = 0;
    long waiting = 0;
    while (true) {
      List<String> keys = cancelKeys(k, k.newRequest());
      ScriptReply r =
          run(
              queue,
              () ->
                  scripts.run(LuaScript.DRAIN_QUEUE, keys, List.of(Integer.toString(DRAIN_STEP))));
      queued += r.number(0);
      scheduled += r.number(1);
      waiting += r.number(2);
      if (r.number(0) + r.number(1) + r.number(2) < DRAIN_STEP) {
        outbox.drain(queue);
        return new Drained(queued, scheduled, waiting);
      }
    }
  }

  /** Runs a single-task script whose errors are {-1} not found and {-3, state} illegal. */
  private ScriptReply single(String queue, String id, TaskState to, Supplier<ScriptReply> call) {
    try {
      return run(queue, call);
    } catch (ScriptFailure e) {
      if (e.error() == ScriptError.TASK_NOT_FOUND) {
        throw new TaskNotFoundException(queue, id);
      }
      if (e.error() == ScriptError.ILLEGAL_TRANSITION) {
        TaskState from = TaskState.valueOf(e.reply().string(0));
        throw to == null
            ? new IllegalTransitionException(
                "Task " + id + " has not ended (" + from + ") and cannot be deleted")
            : new IllegalTransitionException(id, from, to);
      }
      throw e;
    }
  }

  private static ScriptReply run(String queue, Supplier<ScriptReply> call) {
    try {
      return call.get();
    } catch (ScriptFailure e) {
      if (e.error() == ScriptError.QUEUE_NOT_REGISTERED) {
        throw new UnknownQueueException(queue);
      }
      throw e;
    }
  }

  /** For the message of a refusal only: the script has decided already. */
  private TaskState stateOf(String queue, String id) {
    return lookup
        .find(queue, id)
        .map(TaskRecord::state)
        .orElseThrow(() -> new TaskNotFoundException(queue, id));
  }

  /** The keys of the scripts that cancel tasks which have not started (cancel and drain). */
  private static List<String> cancelKeys(QueueKeys k, String request) {
    return List.of(
        k.queued(),
        k.scheduled(),
        k.finished(),
        k.stats(),
        k.events(),
        k.taskPrefix(),
        k.config(),
        k.waiting(),
        request);
  }

  private static QueueKeys keys(String queue) {
    return new QueueKeys(QueueNames.check(queue));
  }

  private static String checkId(String id) {
    if (id == null || id.isBlank() || id.length() > 100) {
      throw new InvalidInputException("id", "must be a task id");
    }
    return id;
  }
}
