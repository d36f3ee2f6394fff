package dev.taskyard.core.enqueue;

import dev.taskyard.core.InvalidInputException;
import dev.taskyard.core.control.QueueNames;
import dev.taskyard.core.control.QueueRegistry;
import dev.taskyard.core.dependency.DependencyOutbox;
import dev.taskyard.core.encryption.PayloadCipher;
import dev.taskyard.core.redis.Durability;
import dev.taskyard.core.redis.LuaScript;
import dev.taskyard.core.redis.QueueKeys;
import dev.taskyard.core.redis.ScriptError;
import dev.taskyard.core.redis.ScriptFailure;
import dev.taskyard.core.redis.ScriptReply;
import dev.taskyard.core.redis.ScriptRunner;
import dev.taskyard.core.task.TaskIds;
import dev.taskyard.core.task.TaskLookup;
import dev.taskyard.core.task.TaskRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Submits tasks: one, or a batch that is accepted whole or refused whole. */
public final class TaskProducer {
  private static final int FIELDS_PER_TASK = 14;

  private final ScriptRunner scripts;
  private final QueueRegistry registry;
  private final TaskRequestValidator validator;
  private final DependencyRegistrar dependencies;
  private final PayloadCipher cipher;
  private final Durability durability;

  public TaskProducer(
      ScriptRunner scripts,
      QueueRegistry registry,
      TaskLookup lookup,
      DependencyOutbox outbox,
      int maxPayloadBytes,
      PayloadCipher cipher,
      Durability durability) {
    this.scripts = scripts;
    this.registry = registry;
    this.validator = new TaskRequestValidator(maxPayloadBytes);
    this.dependencies = new DependencyRegistrar(scripts, lookup, outbox);
    this.cipher = cipher;
    this.durability = durability;
  }

  /**
   * @throws InvalidInputException naming the field at fault; nothing was written
   * @throws QueueFullException the queue is at capacity; nothing was written
   * @throws NotReplicatedException at durability {@code replicated}: written to the master, not
   *     confirmed by a replica in time
   */
  public Submission submit(String queue, TaskRequest request) {
    QueueNames.check(queue);
    validator.check(request);
    return send(queue, List.of(request)).get(0);
  }

  /**
   * Checks a request exactly as {@link #submit} would, writing nothing.
   *
   * @throws InvalidInputException naming the field at fault
   */
  public void validate(TaskRequest request) {
    validator.check(request);
  }

  /**
   * Submits a batch in one atomic step: every task is written, or (bad input, full queue) none.
   *
   * @return one submission per request, in order
   * @throws InvalidInputException naming the task and field at fault, as {@code tasks[3].payload}
   * @throws NotReplicatedException at durability {@code replicated}: written to the master, not
   *     confirmed by a replica in time
   */
  public List<Submission> submitAll(String queue, List<TaskRequest> requests) {
    QueueNames.check(queue);
    if (requests == null || requests.isEmpty()) {
      throw new InvalidInputException("tasks", "must hold at least one task");
    }
    for (int i = 0; i < requests.size(); i++) {
      try {
        validator.check(requests.get(i));
      } catch (InvalidInputException e) {
        throw e.at("tasks", i);
      }
    }
    return send(queue, requests);
  }

  private List<Submission> send(String queue, List<TaskRequest> requests) {
    QueueKeys keys = new QueueKeys(queue);
    List<String> args = new ArrayList<>(2 + requests.size() * FIELDS_PER_TASK);
    args.add(Integer.toString(requests.size()));
    args.add(keys.wakeChannel());
    List<String> ids = requests.stream().map(r -> TaskIds.next()).toList();
    List<String> pendingParents = new ArrayList<>(requests.size());
    dependencies.checkParentsExist(requests);
    for (int i = 0; i < requests.size(); i++) {
      TaskRequest r = requests.get(i);
      args.add(ids.get(i));
      args.add(r.type());
      args.add(cipher.seal(queue, "payload", r.payload()));
      args.add(text(r.priority()));
      args.add(text(r.runAt().map(Instant::toEpochMilli)));
      args.add(text(r.delay().map(Duration::toMillis)));
      args.add(text(r.maxAttempts()));
      args.add(text(r.timeout().map(Duration::toMillis)));
      args.add(r.idempotencyKey().orElse(""));
      args.add(r.correlationId().orElse(""));
      List<String> deps = dependencies.register(new TaskRef(queue, ids.get(i)), r);
      pendingParents.add(deps.get(1));
      args.addAll(deps);
    }
    List<String> scriptKeys =
        List.of(
            keys.queued(),
            keys.scheduled(),
            keys.config(),
            keys.stats(),
            keys.events(),
            keys.taskPrefix(),
            keys.idempotencyPrefix(),
            keys.waiting(),
            keys.finished());
    ScriptReply reply;
    boolean confirmed = true;
    try {
      if (durability.replicated()) {
        ScriptRunner.Replicated sent =
            registry.withQueue(
                queue,
                () ->
                    scripts.runReplicated(
                        LuaScript.SUBMIT_TASKS, scriptKeys, args, durability.replicationTimeout()));
        reply = sent.reply();
        confirmed = sent.replicas() > 0;
      } else {
        reply =
            registry.withQueue(queue, () -> scripts.run(LuaScript.SUBMIT_TASKS, scriptKeys, args));
      }
    } catch (ScriptFailure e) {
      if (e.error() == ScriptError.QUEUE_FULL) {
        for (int i = 0; i < requests.size(); i++) {
          dependencies.unregister(new TaskRef(queue, ids.get(i)), requests.get(i));
        }
        throw new QueueFullException(queue, e.reply().number(0));
      }
      throw e;
    }
    List<Submission> out = new ArrayList<>(requests.size());
    for (int i = 0; i < reply.size(); i += 2) {
      out.add(new Submission(reply.string(i), reply.number(i + 1) == 1));
    }
    for (int i = 0; i < requests.size(); i++) {
      TaskRef child = new TaskRef(queue, ids.get(i));
      if (out.get(i).created()) {
        dependencies.settleEndedParents(child, requests.get(i), pendingParents.get(i));
      } else {
        dependencies.unregister(child, requests.get(i)); // an earlier task's id came back
      }
    }
    if (!confirmed) {
      // After the dependency steps above: the tasks are on the master and must stay consistent.
      throw new NotReplicatedException(
          queue, out.stream().map(Submission::id).toList(), durability.replicationTimeout());
    }
    return out;
  }

  private static String text(Optional<?> value) {
    return value.map(Object::toString).orElse("");
  }
}
