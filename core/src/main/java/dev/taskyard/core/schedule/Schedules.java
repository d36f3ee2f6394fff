package dev.taskyard.core.schedule;

import dev.taskyard.core.InvalidInputException;
import dev.taskyard.core.control.QueueNames;
import dev.taskyard.core.control.QueueRegistry;
import dev.taskyard.core.control.UnknownQueueException;
import dev.taskyard.core.encryption.PayloadCipher;
import dev.taskyard.core.enqueue.QueueFullException;
import dev.taskyard.core.enqueue.TaskProducer;
import dev.taskyard.core.redis.LuaScript;
import dev.taskyard.core.redis.QueueKeys;
import dev.taskyard.core.redis.ScriptError;
import dev.taskyard.core.redis.ScriptFailure;
import dev.taskyard.core.redis.ScriptReply;
import dev.taskyard.core.redis.ScriptRunner;
import dev.taskyard.core.task.TaskIds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.redisson.api.RedissonClient;

/**
 * Recurring schedules: each creates a task at every fire time of its cron expression. Schedules
 * live in Redis with their queue; a {@link ScheduleRunner} on any node fires them, and each fire
 * creates exactly one task however many runners race for it.
 *
 * <pre>{@code
 * taskyard.schedules().create("reports", "nightly",
 *     ScheduleDefinition.of("0 2 * * *", TaskRequest.of("report.build", "{}"))
 *         .withZone("Europe/Berlin"));
 * }</pre>
 */
public final class Schedules {
  private final ScriptRunner scripts;
  private final QueueRegistry registry;
  private final TaskProducer producer;
  private final PayloadCipher cipher;
  private final ScheduleChanges changes;

  public Schedules(
      ScriptRunner scripts,
      QueueRegistry registry,
      TaskProducer producer,
      PayloadCipher cipher,
      RedissonClient redisson) {
    this.scripts = scripts;
    this.registry = registry;
    this.producer = producer;
    this.cipher = cipher;
    this.changes = new ScheduleChanges(redisson);
  }

  /** A runner over these schedules and the registered queues. */
  public ScheduleRunner runner() {
    return new ScheduleRunner(this, registry, changes);
  }

  /**
   * Creates a schedule (and the queue, if new); it fires first at its first fire time after now.
   *
   * @throws InvalidInputException naming the field at fault ({@code name}, {@code
   *     task.payload}...); nothing was written
   * @throws ScheduleExistsException the queue has a schedule of that name
   */
  public Schedule create(String queue, String name, ScheduleDefinition definition) {
    check(queue, name, definition);
    registry.withQueue(
        queue,
        () -> {
          save(queue, name, Action.CREATE, definition);
          return null;
        });
    return saved(queue, name);
  }

  /**
   * Replaces a schedule's definition. A new cron or zone plans the next fire time from now; a
   * change of the task template or policy alone keeps the planned one.
   */
  public Schedule update(String queue, String name, ScheduleDefinition definition) {
    check(queue, name, definition);
    save(queue, name, Action.UPDATE, definition);
    return saved(queue, name);
  }

  /** Stops a schedule firing; its fire times until {@link #resume} are not missed but skipped. */
  public Schedule pause(String queue, String name) {
    save(queue, name, Action.PAUSE, null);
    return saved(queue, name);
  }

  /** Fires a paused schedule again, from its first fire time after now. */
  public Schedule resume(String queue, String name) {
    save(queue, name, Action.RESUME, null);
    return saved(queue, name);
  }

  /** Deletes a schedule; the tasks it created are left alone. */
  public void delete(String queue, String name) {
    save(queue, name, Action.DELETE, null);
  }

  public Optional<Schedule> get(String queue, String name) {
    QueueNames.check(queue);
    QueueNames.check("name", name);
    return read(queue, "names", name).schedules().stream().findFirst();
  }

  /** Every schedule of the queue, by name, with its next fire time. */
  public List<Schedule> list(String queue) {
    QueueNames.check(queue);
    List<Schedule> all = new ArrayList<>(read(queue, "all").schedules());
    all.sort(Comparator.comparing(Schedule::name));
    return all;
  }

  /** The Redis clock, the schedules due by it (longest due first) and the next fire time after. */
  record Read(Instant now, Optional<Instant> nextDue, List<Schedule> schedules) {}

  Read due(String queue, int limit) {
    return read(queue, "due", Integer.toString(limit));
  }

  /**
   * @param done false when the script refused: another node fired first, or the schedule changed
   * @param taskId the fire time's task; empty for a skip
   * @param created false when an earlier fire of the same time had created the task
   */
  record Fired(boolean done, Optional<String> taskId, boolean created) {}

  /**
   * Carries out a plan for a schedule as read, if it is still due and unchanged.
   *
   * @throws QueueFullException the queue is at capacity; the fire waits (and may be missed)
   */
  Fired fire(Schedule schedule, FirePlan plan) {
    String queue = schedule.queue();
    QueueKeys k = new QueueKeys(queue);
    List<String> keys =
        List.of(
            k.schedules(),
            k.schedule(schedule.name()),
            k.queued(),
            k.scheduled(),
            k.config(),
            k.stats(),
            k.events(),
            k.taskPrefix(),
            k.fireMarkPrefix());
    List<String> args =
        List.of(
            schedule.name(),
            millis(schedule.nextFireAt().orElseThrow()),
            Long.toString(schedule.revision()),
            plan.fireAt().map(Schedules::millis).orElse(""),
            millis(plan.next()),
            TaskIds.next(),
            k.wakeChannel());
    try {
      ScriptReply r =
          registry.withQueue(queue, () -> scripts.run(LuaScript.FIRE_SCHEDULE, keys, args));
      return new Fired(
          r.number(0) == 1,
          Optional.ofNullable(r.string(1)).filter(id -> !id.isEmpty()),
          r.number(2) == 1);
    } catch (ScriptFailure e) {
      if (e.error() == ScriptError.QUEUE_FULL) {
        throw new QueueFullException(queue, e.reply().number(0));
      }
      throw e;
    }
  }

  private enum Action {
    CREATE,
    UPDATE,
    PAUSE,
    RESUME,
    DELETE
  }

  private void check(String queue, String name, ScheduleDefinition definition) {
    QueueNames.check(queue);
    QueueNames.check("name", name);
    if (definition == null) {
      throw new InvalidInputException("definition", "is required");
    }
    try {
      producer.validate(definition.task());
    } catch (InvalidInputException e) {
      throw e.in("task");
    }
  }

  /**
   * Reads the Redis clock (and the schedule, whose cron a resume needs), plans the next fire time
   * from it, and lets saveSchedule apply the change atomically.
   *
   * @param definition the new definition; null for pause, resume and delete
   */
  private void save(String queue, String name, Action action, ScheduleDefinition definition) {
    QueueNames.check(queue);
    QueueNames.check("name", name);
    Read current = read(queue, "names", name);
    ScheduleDefinition planned =
        definition != null
            ? definition
            : current.schedules().stream().findFirst().map(Schedule::definition).orElse(null);
    List<String> args = new ArrayList<>();
    args.add(action.name().toLowerCase(Locale.ROOT));
    args.add(name);
    args.add(planned == null ? "" : millis(planned.times().next(current.now())));
    if (definition != null) {
      definition
          .toHash()
          .forEach(
              (field, value) -> {
                args.add(field);
                // fireSchedule copies the template's payload into each task as it is stored
                args.add(field.equals("payload") ? cipher.seal(queue, field, value) : value);
              });
    }
    QueueKeys k = new QueueKeys(queue);
    try {
      scripts.run(
          LuaScript.SAVE_SCHEDULE,
          List.of(k.schedules(), k.schedule(name), k.config(), k.events(), k.newRequest()),
          args);
    } catch (ScriptFailure e) {
      switch (e.error()) {
        case SCHEDULE_EXISTS -> throw new ScheduleExistsException(queue, name);
        case SCHEDULE_NOT_FOUND -> throw new ScheduleNotFoundException(queue, name);
        case QUEUE_NOT_REGISTERED -> {
          if (action == Action.CREATE) {
            throw e; // registry.withQueue registers the queue and tries again
          }
          throw new UnknownQueueException(queue);
        }
        default -> throw e;
      }
    }
    changes.announce(queue);
  }

  private Schedule saved(String queue, String name) {
    return get(queue, name).orElseThrow(() -> new ScheduleNotFoundException(queue, name));
  }

  private Read read(String queue, String... which) {
    return parse(queue, scripts.run(LuaScript.READ_SCHEDULES, keys(queue), List.of(which)));
  }

  /**
   * Every schedule of each queue, by name, with all scripts in flight at once: about one round trip
   * for all the queues.
   */
  public Map<String, List<Schedule>> list(List<String> queues) {
    List<CompletableFuture<ScriptReply>> replies = new ArrayList<>();
    for (String queue : queues) {
      replies.add(
          scripts
              .runAsync(LuaScript.READ_SCHEDULES, keys(QueueNames.check(queue)), List.of("all"))
              .toCompletableFuture());
    }
    Map<String, List<Schedule>> schedules = new LinkedHashMap<>();
    for (int i = 0; i < queues.size(); i++) {
      List<Schedule> all = new ArrayList<>(parse(queues.get(i), replies.get(i).join()).schedules());
      all.sort(Comparator.comparing(Schedule::name));
      schedules.put(queues.get(i), all);
    }
    return schedules;
  }

  private static List<String> keys(String queue) {
    QueueKeys k = new QueueKeys(queue);
    return List.of(k.schedules(), k.schedulePrefix());
  }

  private Read parse(String queue, ScriptReply r) {
    List<Schedule> schedules = new ArrayList<>();
    int i = 2;
    while (i < r.size()) {
      int values = (int) r.number(i + 2);
      Map<String, String> hash = new HashMap<>();
      for (int v = i + 3; v < i + 3 + values; v += 2) {
        String field = r.string(v);
        String value = r.string(v + 1);
        hash.put(field, field.equals("payload") ? cipher.openOrKeep(queue, field, value) : value);
      }
      schedules.add(Schedule.fromHash(queue, r.string(i), hash, r.number(i + 1)));
      i += 3 + values;
    }
    long nextDue = r.number(1);
    return new Read(
        Instant.ofEpochMilli(r.number(0)),
        nextDue < 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(nextDue)),
        schedules);
  }

  private static String millis(Instant at) {
    return Long.toString(at.toEpochMilli());
  }
}
