package dev.taskyard.core.events;

import static dev.taskyard.core.testing.TaskFixtures.aTask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskyard.core.testing.RedisQueue;
import dev.taskyard.core.testing.TestRedis;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.client.codec.StringCodec;

class ArchiveBacklogIT {
  @RegisterExtension final RedisQueue queue = new RedisQueue();
  @RegisterExtension final RedisQueue quiet = new RedisQueue();
  private final ArchiveBacklog backlog = new ArchiveBacklog(TestRedis.get().redisson());

  @Test
  void everyEntryStillInTheStreamIsPendingWithTheAgeOfTheOldest() {
    TestRedis.get().taskyard().producer().submit(queue.name(), aTask());
    TestRedis.get().taskyard().producer().submit(queue.name(), aTask());
    long entries =
        TestRedis.get().redisson().getStream(queue.keys().events(), StringCodec.INSTANCE).size();

    ArchiveBacklog.Lag lag = backlog.read(List.of(queue.name())).get(queue.name());

    assertThat(entries).isPositive();
    assertThat(lag.pending()).isEqualTo(entries);
    assertThat(lag.oldestAgeMs()).isNotNull().isNotNegative();
  }

  @Test
  void countersAddUpPerQueueAndAQueueWithoutStreamHasNoLag() {
    backlog.count(queue.name(), ArchiveBacklog.QUARANTINED, 2);
    backlog.count(queue.name(), ArchiveBacklog.QUARANTINED, 1);
    backlog.count(queue.name(), ArchiveBacklog.DROPPED, 5);

    var lags = backlog.read(List.of(queue.name(), quiet.name()));

    assertThat(lags.keySet()).containsExactly(queue.name(), quiet.name());
    assertThat(lags.get(queue.name()).quarantined()).isEqualTo(3);
    assertThat(lags.get(queue.name()).dropped()).isEqualTo(5);
    assertThat(lags.get(quiet.name())).isEqualTo(new ArchiveBacklog.Lag(0, null, 0, 0));
  }
}
