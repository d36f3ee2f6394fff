package dev.taskyard.core.events;

import static dev.taskyard.core.testing.TaskFixtures.aTask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskyard.core.Taskyard;
import dev.taskyard.core.redis.ClusterSlots;
import dev.taskyard.core.redis.QueueKeys;
import dev.taskyard.core.testing.TestRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.redisson.client.codec.StringCodec;

/**
 * Watching many queues' streams costs one command, whatever their number: the archiver's idle cost
 * does not grow with idle queues.
 */
class EventGroupReaderIT {
  private static final int QUEUES = 300;

  private final Taskyard taskyard = TestRedis.get().taskyard();
  private final EventGroupReader reader =
      new EventGroupReader(TestRedis.get().redisson(), "readers-" + UUID.randomUUID());
  private final List<String> queues = new ArrayList<>();

  EventGroupReaderIT() {
    String prefix = "watched-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    for (int i = 0; i < QUEUES; i++) {
      queues.add(prefix + i);
    }
  }

  @AfterEach
  void removeQueues() {
    queues.forEach(TestRedis.get()::removeQueue);
  }

  @Test
  void oneCommandFindsTheFewQueuesWithNewEntriesAmongManyAndHandsTheirFirstToTheConsumer() {
    reader.awaitNew(queues, "a", Duration.ZERO); // creates the group on every stream
    String busy = queues.get(17);
    String other = queues.get(240);
    taskyard.producer().submit(busy, aTask());
    taskyard.producer().submit(busy, aTask());
    taskyard.producer().submit(other, aTask());

    long before = xreadgroupCalls();
    Set<String> found = reader.awaitNew(queues, "a", Duration.ZERO);

    assertThat(xreadgroupCalls() - before).isEqualTo(commandsFor(queues));
    assertThat(found).containsExactly(busy, other);
    assertThat(reader.readPending(busy, "a", 10)).hasSize(1);
    assertThat(reader.readPending(other, "a", 10)).hasSize(1);
    assertThat(reader.readNew(busy, "b", 10)).as("the rest is still new").hasSize(1);
  }

  @Test
  void aWaitEndsWithTheQueueWhoseStreamGotAnEntry() throws Exception {
    reader.awaitNew(queues, "a", Duration.ZERO);
    CompletableFuture<Set<String>> waiting =
        CompletableFuture.supplyAsync(() -> reader.awaitNew(queues, "a", Duration.ofMinutes(1)));
    String woken = queues.get(QUEUES - 1);
    // The submit may come before the read blocks: either way the read finds the entry.
    taskyard.producer().submit(woken, aTask());

    assertThat(waiting.get(50, TimeUnit.SECONDS)).containsExactly(woken);
  }

  @Test
  void onlyQueuesWhoseStreamsStillHoldEntriesAreHolding() {
    String archived = queues.get(3);
    String pending = queues.get(4);
    String unread = queues.get(5);
    taskyard.producer().submit(archived, aTask());
    taskyard.producer().submit(pending, aTask());
    taskyard.producer().submit(unread, aTask());
    reader.acknowledge(
        archived, reader.readNew(archived, "a", 10).stream().map(EventEntry::streamId).toList());
    reader.readNew(pending, "a", 10);

    long before = TestRedis.get().commandCalls().getOrDefault("xread", 0L);
    Set<String> holding = reader.holdingEntries(queues);

    assertThat(TestRedis.get().commandCalls().get("xread") - before).isEqualTo(commandsFor(queues));
    assertThat(holding).containsExactly(pending, unread);
    assertThat(
            TestRedis.get()
                .redisson()
                .getStream(new QueueKeys(archived).events(), StringCodec.INSTANCE)
                .size())
        .as("acknowledged to the last, the stream is empty")
        .isZero();
  }

  /** One command on one server; on a cluster, one per slot the queues' streams fall in. */
  private static long commandsFor(List<String> queues) {
    return ClusterSlots.groups(
            TestRedis.get().redisson(), queues, queue -> new QueueKeys(queue).events())
        .size();
  }

  private static long xreadgroupCalls() {
    return TestRedis.get().commandCalls().getOrDefault("xreadgroup", 0L);
  }
}
