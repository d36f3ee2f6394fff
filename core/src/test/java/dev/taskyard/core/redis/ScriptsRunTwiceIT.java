package dev.taskyard.core.redis;

import static dev.taskyard.core.testing.TaskFixtures.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskyard.core.Taskyard;
import dev.taskyard.core.enqueue.TaskRequest;
import dev.taskyard.core.schedule.ScheduleDefinition;
import dev.taskyard.core.task.TaskIds;
import dev.taskyard.core.task.TaskRef;
import dev.taskyard.core.testing.RedisQueue;
import dev.taskyard.core.testing.TestRedis;
import dev.taskyard.core.worker.ClaimedTask;
import dev.taskyard.core.worker.Lease;
import dev.taskyard.core.worker.TaskLeases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.redisson.api.RType;
import org.redisson.api.RedissonClient;
import org.redisson.api.options.KeysScanOptions;
import org.redisson.client.codec.StringCodec;

/**
 * Every state-changing script of a queue, run twice with the same arguments, as Redisson does when
 * it resends a command whose reply was late: the second run changes nothing and answers as the
 * first did.
 */
class ScriptsRunTwiceIT {
  @RegisterExtension final RedisQueue queue = new RedisQueue();
  private final Taskyard taskyard = TestRedis.get().taskyard();
  private final RedissonClient redisson = TestRedis.get().redisson();
  private final ScriptRunner scripts = new ScriptRunner(redisson);

  /** One script call: the script, its keys and its arguments. */
  record Call(LuaScript script, List<String> keys, List<String> args) {}

  /**
   * How the second run answers: as the first did, or (scripts that report what they did this run,
   * idempotent by their effect) with {@code secondReply}. Scripts that set a value may tell the
   * event stream again ({@code eventRepeats}); no other script adds an event when run again.
   */
  record Row(
      String name,
      Function<Fixture, Call> arrange,
      List<String> secondReply,
      boolean eventRepeats) {
    Row(String name, Function<Fixture, Call> arrange) {
      this(name, arrange, null, false);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> scripts() {
    return Stream.of(
            new Row("submitTasks", Fixture::submit),
            new Row("claimTasks", Fixture::claim),
            new Row("completeTasks", Fixture::complete),
            new Row("failTasks, retry scheduled", f -> f.fail(3, "1")),
            new Row("failTasks, dead-lettered", f -> f.fail(1, "1")),
            new Row("extendLeases", Fixture::extend),
            new Row("releaseTasks", Fixture::release),
            new Row("releaseTasks after the task was claimed again", Fixture::releaseThenClaim),
            new Row("reportProgress", Fixture::progress, null, true),
            new Row("cancelTasks, queued", Fixture::cancelQueued),
            new Row("cancelTasks, running", Fixture::cancelRunning),
            new Row("retryTasks", Fixture::retry),
            new Row("drainQueue", Fixture::drain),
            new Row("promoteTask", Fixture::promote),
            new Row("reprioritizeTask", Fixture::reprioritize, null, true),
            new Row("moveTask", Fixture::move),
            new Row("deleteTask", Fixture::delete),
            new Row("deleteQueue, last step", Fixture::deleteQueue),
            new Row("saveSchedule, create", Fixture::createSchedule),
            new Row("updateQueueConfig", Fixture::configure, null, true),
            new Row("registerChild", Fixture::registerChild),
            new Row("unregisterChild", Fixture::unregisterChild),
            new Row("registerQueue", Fixture::registerQueue, List.of("0"), false),
            new Row("resolveDependency", Fixture::resolveDependency, List.of("1"), false),
            new Row("acquirePermits", Fixture::acquirePermits),
            new Row("fireSchedule", Fixture::fireSchedule, List.of("0", "", "0"), false),
            new Row(
                "maintainQueue", Fixture::maintain, List.of("0", "0", "0", "0", "0", "0"), false))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scripts")
  void scriptRunTwiceChangesStateOnceAndAnswersTheSame(Row row) {
    Call call = row.arrange().apply(new Fixture(queue.name()));

    List<String> first = reply(call);
    Map<String, Object> afterFirst = state(row.eventRepeats());
    List<String> second = reply(call);

    assertThat(state(row.eventRepeats())).isEqualTo(afterFirst);
    assertThat(second).isEqualTo(row.secondReply() == null ? first : row.secondReply());
  }

  private List<String> reply(Call call) {
    ScriptReply r = scripts.run(call.script(), call.keys(), call.args());
    return IntStream.range(0, r.size()).mapToObj(r::string).toList();
  }

  /**
   * Every key of the queue (and of the rate limiter named after it) and its content. The lease
   * deadlines (an extension sets them from the Redis clock) and the event stream's entry ids are
   * left out; the number of events is kept.
   */
  private Map<String, Object> state(boolean withoutEvents) {
    Map<String, Object> out = new TreeMap<>();
    List<String> keys = new ArrayList<>();
    for (String pattern : List.of("ty:{" + queue.name() + "}:*", QueueKeys.limiter(queue.name()))) {
      redisson.getKeys().getKeys(KeysScanOptions.defaults().pattern(pattern)).forEach(keys::add);
    }
    for (String key : keys) {
      RType type = redisson.getKeys().getType(key);
      if (withoutEvents && key.equals(queue.keys().events())) {
        continue;
      }
      Object value =
          switch (type) {
            case OBJECT -> redisson.getBucket(key, StringCodec.INSTANCE).get();
            case MAP -> new TreeMap<>(redisson.getMap(key, StringCodec.INSTANCE).readAllMap());
            case SET -> new TreeSet<>(redisson.getSet(key, StringCodec.INSTANCE).readAll());
            case LIST -> redisson.getList(key, StringCodec.INSTANCE).readAll();
            case ZSET ->
                key.equals(queue.keys().leased())
                    ? redisson.getScoredSortedSet(key, StringCodec.INSTANCE).readAll()
                    : redisson
                        .getScoredSortedSet(key, StringCodec.INSTANCE)
                        .entryRange(0, -1)
                        .toString();
            case STREAM -> redisson.getStream(key, StringCodec.INSTANCE).size();
            default -> type;
          };
      out.put(key, value);
    }
    return out;
  }

  /** Brings the queue to where a script runs, and builds the call as the engine does. */
  static final class Fixture {
    final String q;
    final QueueKeys k;
    final Taskyard taskyard = TestRedis.get().taskyard();

    Fixture(String q) {
      this.q = q;
      this.k = new QueueKeys(q);
    }

    String submitted(TaskRequest request) {
      return taskyard.producer().submit(q, request).id();
    }

    ClaimedTask claimed(TaskRequest request) {
      String id = submitted(request);
      ClaimedTask t = taskyard.leases().claim(q, "w", 1).tasks().get(0);
      assertThat(t.id()).isEqualTo(id);
      return t;
    }

    String succeeded() {
      ClaimedTask t = claimed(aTask());
      reply(completeCall(t));
      return t.id();
    }

    private void reply(Call call) {
      new ScriptRunner(TestRedis.get().redisson()).run(call.script(), call.keys(), call.args());
    }

    Call submit() {
      taskyard.leases().claim(q, "w", 1); // registers the queue, leases nothing
      List<String> args = new ArrayList<>(List.of("1", k.wakeChannel(), TaskIds.next()));
      args.addAll(List.of("test.noop", "{}", "", "", "", "", "", "", "c1", "", "", "", ""));
      return new Call(
          LuaScript.SUBMIT_TASKS,
          List.of(
              k.queued(),
              k.scheduled(),
              k.config(),
              k.stats(),
              k.events(),
              k.taskPrefix(),
              k.idempotencyPrefix(),
              k.waiting(),
              k.finished()),
          args);
    }

    Call claim() {
      taskyard.producer().submitAll(q, Collections.nCopies(3, aTask()));
      return new Call(
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
          List.of("w", "2", "claim-" + TaskIds.next(), ""));
    }

    Call complete() {
      return completeCall(claimed(aTask()));
    }

    Call completeCall(ClaimedTask t) {
      return new Call(
          LuaScript.COMPLETE_TASKS,
          List.of(
              k.leased(),
              k.finished(),
              k.stats(),
              k.events(),
              k.durationHistogram(),
              k.taskPrefix()),
          List.of("1", t.id(), t.leaseToken(), "{\"ok\":true}", "12", "4096"));
    }

    Call fail(int maxAttempts, String retryable) {
      ClaimedTask t = claimed(aTask().withMaxAttempts(maxAttempts));
      return new Call(
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
          List.of("1", t.id(), t.leaseToken(), "boom", "at x", retryable, "0.5", "", "4096"));
    }

    Call extend() {
      ClaimedTask t = claimed(aTask());
      return new Call(
          LuaScript.EXTEND_LEASES,
          List.of(k.leased(), k.taskPrefix()),
          List.of("1", t.id(), t.leaseToken(), "600000"));
    }

    Call release() {
      return releaseCall(claimed(aTask()));
    }

    private Call releaseCall(ClaimedTask t) {
      return new Call(
          LuaScript.RELEASE_TASKS,
          List.of(k.leased(), k.queued(), k.events(), k.taskPrefix(), k.finished(), k.stats()),
          List.of("1", k.wakeChannel(), t.id(), t.leaseToken()));
    }

    /**
     * The release ran, and the task was claimed again (same attempt number, as a release counts the
     * attempt back): the resent release must not take the new lease.
     */
    Call releaseThenClaim() {
      Call call = releaseCall(claimed(aTask()));
      reply(call);
      assertThat(taskyard.leases().claim(q, "w", 1).tasks()).hasSize(1);
      return call;
    }

    Call progress() {
      ClaimedTask t = claimed(aTask());
      return new Call(
          LuaScript.REPORT_PROGRESS,
          List.of(k.events(), k.taskPrefix()),
          List.of("1", t.id(), t.leaseToken(), "40", "half"));
    }

    private List<String> cancelKeys() {
      return List.of(
          k.queued(),
          k.scheduled(),
          k.finished(),
          k.stats(),
          k.events(),
          k.taskPrefix(),
          k.config(),
          k.waiting(),
          k.newRequest());
    }

    Call cancelQueued() {
      String id = submitted(aTask());
      return new Call(LuaScript.CANCEL_TASKS, cancelKeys(), List.of(k.cancelChannel(), id));
    }

    Call cancelRunning() {
      ClaimedTask t = claimed(aTask());
      return new Call(LuaScript.CANCEL_TASKS, cancelKeys(), List.of(k.cancelChannel(), t.id()));
    }

    Call retry() {
      ClaimedTask t = claimed(aTask().withMaxAttempts(1));
      taskyard.leases().fail(q, List.of(new TaskLeases.Failure(Lease.of(t), "boom", "", false)));
      return new Call(
          LuaScript.RETRY_TASKS,
          List.of(
              k.dead(),
              k.queued(),
              k.stats(),
              k.events(),
              k.taskPrefix(),
              k.config(),
              k.finished(),
              k.newRequest()),
          List.of(k.wakeChannel(), "ids", "0", t.id()));
    }

    Call drain() {
      taskyard.producer().submitAll(q, Collections.nCopies(3, aTask()));
      submitted(aTask().withDelay(Duration.ofHours(1)));
      return new Call(LuaScript.DRAIN_QUEUE, cancelKeys(), List.of("100"));
    }

    Call promote() {
      String id = submitted(aTask().withDelay(Duration.ofHours(1)));
      return new Call(
          LuaScript.PROMOTE_TASK,
          List.of(
              k.scheduled(), k.queued(), k.events(), k.taskPrefix(), k.config(), k.newRequest()),
          List.of(id, k.wakeChannel()));
    }

    Call reprioritize() {
      submitted(aTask());
      String id = submitted(aTask());
      return new Call(
          LuaScript.REPRIORITIZE_TASK,
          List.of(k.queued(), k.events(), k.taskPrefix(), k.config()),
          List.of(id, "7", ""));
    }

    Call move() {
      submitted(aTask());
      String id = submitted(aTask());
      return new Call(
          LuaScript.MOVE_TASK,
          List.of(k.queued(), k.events(), k.taskPrefix(), k.config(), k.newRequest()),
          List.of(id, "up"));
    }

    Call delete() {
      String id = succeeded();
      return new Call(
          LuaScript.DELETE_TASK,
          List.of(k.finished(), k.dead(), k.events(), k.taskPrefix(), k.config(), k.newRequest()),
          List.of(id));
    }

    /** The last step of a queue delete: no task left, a schedule and the settings to remove. */
    Call deleteQueue() {
      taskyard.schedules().create(q, "nightly", ScheduleDefinition.of("0 3 * * *", aTask()));
      return new Call(
          LuaScript.DELETE_QUEUE,
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
              k.idempotencyPrefix()),
          List.of("1000", "1"));
    }

    Call createSchedule() {
      return createScheduleDueAt("4102444800000");
    }

    Call createScheduleDueAt(String nextFireMs) {
      taskyard.leases().claim(q, "w", 1); // registers the queue, leases nothing
      return new Call(
          LuaScript.SAVE_SCHEDULE,
          List.of(k.schedules(), k.schedule("nightly"), k.config(), k.events(), k.newRequest()),
          List.of(
              "create",
              "nightly",
              nextFireMs,
              "cron",
              "0 3 * * *",
              "zone",
              "UTC",
              "type",
              "test.noop",
              "payload",
              "{}"));
    }

    /** A schedule due since long ago (revision 1), fired once for that time. */
    Call fireSchedule() {
      reply(createScheduleDueAt("1000"));
      return new Call(
          LuaScript.FIRE_SCHEDULE,
          List.of(
              k.schedules(),
              k.schedule("nightly"),
              k.queued(),
              k.scheduled(),
              k.config(),
              k.stats(),
              k.events(),
              k.taskPrefix(),
              k.fireMarkPrefix()),
          List.of(
              "nightly", "1000", "1", "1000", "4102444800000", TaskIds.next(), k.wakeChannel()));
    }

    Call acquirePermits() {
      return new Call(
          LuaScript.ACQUIRE_PERMITS,
          List.of(QueueKeys.limiter(q), QueueKeys.limiterRequest(q)),
          List.of("10", "20", "5"));
    }

    Call configure() {
      taskyard.leases().claim(q, "w", 1); // registers the queue, leases nothing
      return new Call(
          LuaScript.UPDATE_QUEUE_CONFIG,
          List.of(k.config(), k.events()),
          List.of("queue-configured", "", "maxConcurrency", "3"));
    }

    Call registerQueue() {
      return new Call(LuaScript.REGISTER_QUEUE, List.of(k.config()), List.of("retentionMs", "5"));
    }

    Call registerChild() {
      String parent = submitted(aTask());
      return new Call(
          LuaScript.REGISTER_CHILD,
          List.of(k.taskPrefix(), k.config()),
          List.of(parent, q + "/" + TaskIds.next()));
    }

    Call unregisterChild() {
      String parent = submitted(aTask());
      submitted(aTask().withDependencies(List.of(new TaskRef(q, parent))));
      String child = q + "/" + TaskIds.next();
      reply(
          new Call(
              LuaScript.REGISTER_CHILD,
              List.of(k.taskPrefix(), k.config()),
              List.of(parent, child)));
      return new Call(LuaScript.UNREGISTER_CHILD, List.of(k.taskPrefix()), List.of(parent, child));
    }

    Call resolveDependency() {
      ClaimedTask p = claimed(aTask());
      String waiting = submitted(aTask().withDependencies(List.of(new TaskRef(q, p.id()))));
      return new Call(
          LuaScript.RESOLVE_DEPENDENCY,
          List.of(
              k.waiting(),
              k.queued(),
              k.scheduled(),
              k.finished(),
              k.stats(),
              k.events(),
              k.taskPrefix(),
              k.config()),
          List.of(waiting, p.id(), "succeeded", k.wakeChannel()));
    }

    Call maintain() {
      submitted(aTask().withDelay(Duration.ofMillis(1)));
      long due = System.currentTimeMillis() + 2;
      // Due before the first run, so that the first run promotes it and the second finds nothing.
      await().until(() -> System.currentTimeMillis() > due);
      return new Call(
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
          List.of("1000", k.wakeChannel()));
    }
  }
}
