package dev.taskyard.core.worker;

import static dev.taskyard.core.testing.TaskFixtures.NOOP;
import static dev.taskyard.core.testing.TaskFixtures.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskyard.core.Taskyard;
import dev.taskyard.core.redis.QueueKeys;
import dev.taskyard.core.testing.RedisQueue;
import dev.taskyard.core.testing.TestRedis;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RTopic;
import org.redisson.client.codec.StringCodec;

class WorkerRegistryIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @RegisterExtension final RedisQueue queue = new RedisQueue();
  @RegisterExtension final RedisQueue other = new RedisQueue();
  private final Taskyard taskyard = TestRedis.get().taskyard();
  private final WorkerRegistry registry = taskyard.workers();
  private final String nodeId = "node-" + UUID.randomUUID();
  private final CountDownLatch gate = new CountDownLatch(1);
  private final List<WorkerPool> pools = new ArrayList<>();

  @AfterEach
  void stopPools() {
    gate.countDown();
    pools.forEach(WorkerPool::close);
  }

  private WorkerPool startPool(String id) {
    WorkerPool pool =
        taskyard
            .workerPool()
            .workerId(id)
            .queue(queue.name(), 3)
            .queue(other.name(), 2)
            .handler(
                NOOP,
                task -> {
                  gate.await();
                  return null;
                })
            .start();
    pools.add(pool);
    return pool;
  }

  private Optional<WorkerNode> node(String id) {
    return registry.nodes().stream().filter(n -> n.nodeId().equals(id)).findFirst();
  }

  private Optional<WorkerNode> known(String id) {
    return registry.knownNodes().stream().filter(n -> n.nodeId().equals(id)).findFirst();
  }

  private WorkerNode.QueueLoad load(String queueName) {
    return node(nodeId).orElseThrow().queue(queueName).orElseThrow();
  }

  @Test
  void startedPoolIsListedWithItsHostQueuesAndThreads() {
    Instant before = Instant.now().minusSeconds(1);
    startPool(nodeId);

    WorkerNode node = await().atMost(WAIT).until(() -> node(nodeId), Optional::isPresent).get();

    assertThat(node.host()).isEqualTo(LocalProcess.HOST);
    assertThat(node.pid()).isEqualTo(ProcessHandle.current().pid());
    assertThat(node.startedAt()).isAfter(before).isBeforeOrEqualTo(Instant.now());
    assertThat(node.lastBeat()).isAfterOrEqualTo(node.startedAt().minusSeconds(1));
    assertThat(node.heapUsedBytes()).isPositive();
    assertThat(node.heapMaxBytes()).isGreaterThanOrEqualTo(node.heapUsedBytes());
    assertThat(node.processCpuLoad()).isLessThanOrEqualTo(1.0);
    assertThat(node.queues())
        .containsExactly(
            new WorkerNode.QueueLoad(queue.name(), 3, 0, 0, 0),
            new WorkerNode.QueueLoad(other.name(), 2, 0, 0, 0));
    assertThat(registry.nodes(queue.name())).extracting(WorkerNode::nodeId).contains(nodeId);
  }

  @Test
  void busyThreadsAndTasksDoneFollowTheWork() {
    startPool(nodeId);
    taskyard.producer().submitAll(queue.name(), Collections.nCopies(5, aTask()));

    await().atMost(WAIT).until(() -> load(queue.name()).busyThreads() == 3);
    assertThat(node(nodeId).orElseThrow().busyThreads()).isEqualTo(3);
    gate.countDown();

    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(load(queue.name()))
                    .isEqualTo(new WorkerNode.QueueLoad(queue.name(), 3, 0, 5, 0)));
    assertThat(node(nodeId).orElseThrow().tasksSucceeded()).isEqualTo(5);
    assertThat(node(nodeId).orElseThrow().tasksFailed()).isZero();
  }

  @Test
  void closedPoolLeavesTheRegistryAtOnce() {
    WorkerPool pool = startPool(nodeId);
    await().atMost(WAIT).until(() -> node(nodeId).isPresent());

    pool.close();

    assertThat(node(nodeId)).isEmpty();
  }

  @Test
  void haltedPoolIsListedAsLostWithItsLastRecordOnceItsBeatsStop() {
    WorkerPool pool = startPool(nodeId);
    WorkerNode live = await().atMost(WAIT).until(() -> node(nodeId), Optional::isPresent).get();

    pool.halt();

    await()
        .atMost(WorkerRegistry.TIME_TO_LIVE.plus(WAIT))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> node(nodeId).isEmpty());
    WorkerNode lost = known(nodeId).orElseThrow();
    assertThat(lost.lost()).isTrue();
    assertThat(lost.queues())
        .extracting(WorkerNode.QueueLoad::queue)
        .containsExactly(queue.name(), other.name());
    assertThat(lost.lastBeat()).isAfterOrEqualTo(live.lastBeat());
    assertThat(live.lost()).isFalse();
    long expiresInMs =
        TestRedis.get().redisson().getBucket(QueueKeys.worker(nodeId)).remainTimeToLive();
    assertThat(expiresInMs)
        .isPositive()
        .isLessThanOrEqualTo(WorkerRegistry.LOST_RETENTION.toMillis());
  }

  @Test
  void lostNodeBeatingAgainUnderItsIdIsLiveAgain() {
    WorkerPool first = startPool(nodeId);
    await().atMost(WAIT).until(() -> node(nodeId).isPresent());
    first.halt();
    await()
        .atMost(WorkerRegistry.TIME_TO_LIVE.plus(WAIT))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> known(nodeId).map(WorkerNode::lost).orElse(false));

    startPool(nodeId);

    await().atMost(WAIT).until(() -> node(nodeId).isPresent());
    assertThat(known(nodeId).orElseThrow().lost()).isFalse();
  }

  @Test
  void nodesJoiningChangingAndLeavingAreAnnounced() {
    List<String> announced = new CopyOnWriteArrayList<>();
    RTopic channel =
        TestRedis.get().redisson().getTopic(QueueKeys.WORKER_CHANGES_CHANNEL, StringCodec.INSTANCE);
    int listener = channel.addListener(String.class, (ch, id) -> announced.add(id));
    try {
      WorkerPool pool = startPool(nodeId);
      await().atMost(WAIT).until(() -> announced.contains(nodeId));
      announced.clear();
      taskyard.producer().submit(queue.name(), aTask());
      await().atMost(WAIT).until(() -> announced.contains(nodeId)); // a thread became busy
      announced.clear();

      pool.close();

      await().atMost(WAIT).until(() -> announced.contains(nodeId));
    } finally {
      channel.removeListener(listener);
    }
  }

  @Test
  void nodesOfAQueueAreThoseWorkingOnIt() {
    String elsewhere = nodeId + "-elsewhere";
    startPool(nodeId);
    WorkerPool unrelated =
        taskyard
            .workerPool()
            .workerId(elsewhere)
            .queue(other.name(), 1)
            .handler(NOOP, task -> null)
            .start();
    pools.add(unrelated);

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(registry.nodes(other.name()))
                  .extracting(WorkerNode::nodeId)
                  .contains(nodeId, elsewhere);
              assertThat(registry.nodes(queue.name()))
                  .extracting(WorkerNode::nodeId)
                  .contains(nodeId)
                  .doesNotContain(elsewhere);
            });
  }
}
