package dev.taskyard.core.schedule;

import dev.taskyard.core.Taskyard;
import dev.taskyard.core.task.TaskRecord;
import dev.taskyard.core.testing.RedisQueue;
import dev.taskyard.core.testing.TestRedis;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.redisson.client.codec.StringCodec;

/** Looks at and moves a test queue's schedules as Redis holds them. */
final class ScheduleProbe {
  private final RedisQueue queue;
  private final Taskyard taskyard = TestRedis.get().taskyard();

  ScheduleProbe(RedisQueue queue) {
    this.queue = queue;
  }

  /** The Redis server's clock, which decides what is due. */
  Instant redisNow() {
    return taskyard.schedules().due(queue.name(), 0).now();
  }

  /** Moves a schedule's next fire time, as if it had waited there (downtime: a time long past). */
  void setNextFire(String name, Instant at) {
    TestRedis.get()
        .redisson()
        .getScoredSortedSet(queue.keys().schedules(), StringCodec.INSTANCE)
        .add(at.toEpochMilli(), name);
  }

  /** Every queued task of the queue, by fire time. */
  List<TaskRecord> tasks() {
    List<String> ids =
        List.copyOf(
            TestRedis.get()
                .redisson()
                .<String>getScoredSortedSet(queue.keys().queued(), StringCodec.INSTANCE)
                .readAll());
    return taskyard.tasks().findAll(queue.name(), ids).stream()
        .sorted(Comparator.comparing(ScheduleProbe::fireTime))
        .toList();
  }

  List<Instant> fireTimes() {
    return tasks().stream().map(ScheduleProbe::fireTime).toList();
  }

  /** The fire time a schedule's task carries in its idempotency key. */
  static Instant fireTime(TaskRecord task) {
    String key = task.idempotencyKey().orElseThrow();
    return Instant.ofEpochMilli(Long.parseLong(key.substring(key.lastIndexOf(':') + 1)));
  }
}
