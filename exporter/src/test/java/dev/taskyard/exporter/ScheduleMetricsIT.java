package dev.taskyard.exporter;

import static dev.taskyard.core.testing.TaskFixtures.aTask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskyard.core.Taskyard;
import dev.taskyard.core.schedule.ScheduleDefinition;
import dev.taskyard.core.testing.RedisQueue;
import dev.taskyard.core.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.client.codec.StringCodec;

class ScheduleMetricsIT {
  @RegisterExtension final RedisQueue queue = new RedisQueue();
  private final Taskyard taskyard = TestRedis.get().taskyard();

  @Test
  void publishesHowLateEachScheduleIsAndWhetherItIsPaused() {
    String q = queue.name();
    ScheduleDefinition nightly = ScheduleDefinition.of("0 2 * * *", aTask());
    taskyard.schedules().create(q, "nightly", nightly);
    taskyard.schedules().create(q, "held", nightly);
    taskyard.schedules().pause(q, "held");
    taskyard.schedules().create(q, "late", nightly);
    // No scheduler runs here: a next fire time long past is one no node has fired.
    TestRedis.get()
        .redisson()
        .getScoredSortedSet(queue.keys().schedules(), StringCodec.INSTANCE)
        .add(1_000, "late");

    String text =
        Exposition.ofQueue(
            Exposition.text(new ScheduleMetrics().metrics(Exposition.reader().read())), q);

    Exposition.assertMatchesGolden(text, "schedules");
    assertThat(
            Exposition.value(
                text, "taskyard_schedule_lag_seconds{queue=\"QUEUE\",schedule=\"late\"}"))
        .isGreaterThan(1_000_000);
  }
}
