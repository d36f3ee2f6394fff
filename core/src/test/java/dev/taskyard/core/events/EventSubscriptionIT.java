package dev.taskyard.core.events;

import static dev.taskyard.core.testing.TaskFixtures.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.taskyard.core.InvalidInputException;
import dev.taskyard.core.Taskyard;
import dev.taskyard.core.control.QueueSettings;
import dev.taskyard.core.redis.QueueKeys;
import dev.taskyard.core.testing.RedisQueue;
import dev.taskyard.core.testing.TestRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.stream.StreamTrimArgs;
import org.redisson.client.codec.StringCodec;

class EventSubscriptionIT {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @RegisterExtension final RedisQueue queue = new RedisQueue();
  @RegisterExtension final RedisQueue later = new RedisQueue();
  @RegisterExtension final RedisQueue other = new RedisQueue();
  private final Taskyard taskyard = TestRedis.get().taskyard();
  private final List<TaskEvent> received = new CopyOnWriteArrayList<>();
  private final List<Integer> deliveries = new CopyOnWriteArrayList<>();

  private void collect(List<TaskEvent> events) {
    deliveries.add(events.size());
    received.addAll(events);
  }

  private List<String> idsOf(String type, String queueName) {
    List<String> ids = new ArrayList<>();
    received.stream()
        .filter(e -> e.type().equals(type) && e.queue().equals(queueName))
        .forEach(e -> ids.addAll(e.taskIds()));
    return ids;
  }

  @Test
  void deliversChangesMadeOnAnotherNode() {
    taskyard.producer().submit(queue.name(), aTask()); // before: not delivered
    try (EventSubscription s = taskyard.events().subscribe(List.of(queue.name()), this::collect);
        Taskyard node = TestRedis.get().newNode()) {
      String id = node.producer().submit(queue.name(), aTask()).id();

      await().atMost(WAIT).until(() -> idsOf("submitted", queue.name()).contains(id));
      assertThat(idsOf("submitted", queue.name())).containsExactly(id);
    }
  }

  @Test
  void allQueuesIncludesQueuesCreatedAfterSubscribing() {
    taskyard.producer().submit(queue.name(), aTask());
    try (EventSubscription s = taskyard.events().subscribe(this::collect)) {
      String id = taskyard.producer().submit(later.name(), aTask()).id();

      await().atMost(WAIT).until(() -> idsOf("submitted", later.name()).contains(id));
    }
  }

  @Test
  void aQueueCreatedAfterSubscribingIsAnnouncedEvenWhenItsEventsWereTrimmedUnread() {
    taskyard.producer().submit(queue.name(), aTask());
    List<String> added = new CopyOnWriteArrayList<>();
    try (EventSubscription s = taskyard.events().subscribe(this::collect, added::addAll)) {
      taskyard.producer().submit(later.name(), aTask());
      // What an archiver does once it has read the entries: the subscription never sees them.
      taskyard
          .redisson()
          .getStream(new QueueKeys(later.name()).events(), StringCodec.INSTANCE)
          .trim(StreamTrimArgs.maxLen(0).noLimit());

      await().atMost(WAIT).until(() -> added.contains(later.name()));
      assertThat(added).doesNotContain(queue.name());
    }
  }

  @Test
  void queueChangesAreEventsToo() {
    taskyard.queues().configure(queue.name(), QueueSettings.defaults());
    try (EventSubscription s = taskyard.events().subscribe(List.of(queue.name()), this::collect)) {
      taskyard.queues().pause(queue.name());
      taskyard.queues().resume(queue.name());
      taskyard.queues().configure(queue.name(), QueueSettings.defaults().withMaxAttempts(7));

      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertThat(received)
                      .extracting(TaskEvent::type)
                      .containsExactly("queue-paused", "queue-resumed", "queue-configured"));
      assertThat(received).allSatisfy(e -> assertThat(e.taskIds()).isEmpty());
    }
  }

  @Test
  void everyEventOfABurstArrivesOnceAndInOrder() {
    try (EventSubscription s = taskyard.events().subscribe(List.of(queue.name()), this::collect)) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        ids.add(taskyard.producer().submit(queue.name(), aTask()).id());
      }
      taskyard.producer().submit(other.name(), aTask()); // not subscribed

      await().atMost(WAIT).until(() -> idsOf("submitted", queue.name()).size() >= 300);
      assertThat(idsOf("submitted", queue.name())).containsExactlyElementsOf(ids);
      assertThat(received).allSatisfy(e -> assertThat(e.queue()).isEqualTo(queue.name()));
      assertThat(deliveries.stream().mapToInt(Integer::intValue).sum()).isEqualTo(received.size());
    }
  }

  @Test
  void nothingArrivesAfterClose() {
    EventSubscription s = taskyard.events().subscribe(List.of(queue.name()), this::collect);
    s.close();

    taskyard.producer().submit(queue.name(), aTask());

    await().pollDelay(Duration.ofMillis(300)).until(() -> true);
    assertThat(received).isEmpty();
  }

  @Test
  void subscribingToNoQueueIsRefused() {
    assertThatThrownBy(() -> taskyard.events().subscribe(List.of(), this::collect))
        .isInstanceOf(InvalidInputException.class);
  }
}
