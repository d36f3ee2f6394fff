package dev.taskyard.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskyard.core.control.QueueSettings;
import dev.taskyard.core.events.ArchiveBacklog;
import dev.taskyard.core.testing.RedisQueue;
import dev.taskyard.core.testing.TestRedis;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.stream.StreamAddArgs;
import org.redisson.client.codec.StringCodec;

class ArchiveMetricsIT {
  @RegisterExtension final RedisQueue queue = new RedisQueue();

  @Test
  void publishesPendingEntriesTheirAgeAndWhatTheArchiveCouldNotKeep() {
    String q = queue.name();
    TestRedis.get().taskyard().queues().configure(q, QueueSettings.defaults());
    var stream =
        TestRedis.get()
            .redisson()
            .<String, String>getStream(queue.keys().events(), StringCodec.INSTANCE);
    stream.delete(); // only the entries below: each one not yet archived
    for (int i = 0; i < 3; i++) {
      stream.add(StreamAddArgs.entries(Map.of("kind", "submitted")));
    }
    ArchiveBacklog backlog = new ArchiveBacklog(TestRedis.get().redisson());
    backlog.count(q, ArchiveBacklog.QUARANTINED, 2);
    backlog.count(q, ArchiveBacklog.DROPPED, 5);

    String text =
        Exposition.ofQueue(
            Exposition.text(new ArchiveMetrics().metrics(Exposition.reader().read())), q);

    Exposition.assertMatchesGolden(text, "archive");
    assertThat(
            Exposition.value(text, "taskyard_archive_oldest_pending_age_seconds{queue=\"QUEUE\"}"))
        .isNotNegative();
  }

  @Test
  void nothingPendingHasNoAge() {
    String q = queue.name();
    TestRedis.get().taskyard().queues().configure(q, QueueSettings.defaults());
    TestRedis.get().redisson().getKeys().delete(queue.keys().events());

    String text =
        Exposition.ofQueue(
            Exposition.text(new ArchiveMetrics().metrics(Exposition.reader().read())), q);

    assertThat(Exposition.value(text, "taskyard_archive_pending{queue=\"QUEUE\"}")).isZero();
    assertThat(
            Exposition.value(text, "taskyard_archive_oldest_pending_age_seconds{queue=\"QUEUE\"}"))
        .isZero();
  }
}
