package dev.taskyard.core.events;

import dev.taskyard.core.redis.ClusterSlots;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RBatch;
import org.redisson.api.RStreamAsync;
import org.redisson.api.RedissonClient;
import org.redisson.api.stream.StreamMessageId;
import org.redisson.api.stream.StreamMultiReadArgs;
import org.redisson.api.stream.StreamMultiReadGroupArgs;
import org.redisson.client.codec.StringCodec;

/**
 * Reads many streams at once, waiting up to a given time for an entry. On one server (or a
 * Sentinel-managed master) that is one blocking {@code XREAD}/{@code XREADGROUP} over every stream,
 * so idle streams cost nothing to watch. On a cluster one command may only name keys of one slot:
 * there it is one non-blocking command per slot, pipelined in one batch (one round trip to each
 * master), repeated every {@link #POLL} until an entry comes or the wait is over.
 */
final class StreamReads {
  /** The pause between two polls on a cluster. */
  static final Duration POLL = Duration.ofMillis(500);

  private static final Map<String, Map<StreamMessageId, Map<String, String>>> NONE = Map.of();

  private final RedissonClient redisson;

  StreamReads(RedissonClient redisson) {
    this.redisson = redisson;
  }

  /** Entries after each stream's id, at most {@code count} per stream. */
  Map<String, Map<StreamMessageId, Map<String, String>>> read(
      Map<String, StreamMessageId> after, int count, Duration wait) {
    return read(
        new ArrayList<>(after.keySet()),
        wait,
        (stream, keys, block) -> {
          Map<String, StreamMessageId> others = new HashMap<>();
          keys.subList(1, keys.size()).forEach(k -> others.put(k, after.get(k)));
          StreamMultiReadArgs args =
              StreamMultiReadArgs.greaterThan(after.get(keys.get(0)), others).count(count);
          return stream.readAsync(block.isZero() ? args : args.timeout(block));
        });
  }

  /** Entries no consumer of {@code group} has been given yet, at most {@code count} per stream. */
  Map<String, Map<StreamMessageId, Map<String, String>>> readGroup(
      String group, String consumer, List<String> streams, int count, Duration wait) {
    return read(
        streams,
        wait,
        (stream, keys, block) -> {
          Map<String, StreamMessageId> others = new LinkedHashMap<>();
          keys.subList(1, keys.size()).forEach(k -> others.put(k, StreamMessageId.NEVER_DELIVERED));
          StreamMultiReadGroupArgs args =
              StreamMultiReadGroupArgs.greaterThan(StreamMessageId.NEVER_DELIVERED, others)
                  .count(count);
          return stream.readGroupAsync(
              group, consumer, block.isZero() ? args : args.timeout(block));
        });
  }

  /** One read command over {@code keys}, sent through their first stream. */
  private interface Command {
    CompletionStage<Map<String, Map<StreamMessageId, Map<String, String>>>> send(
        RStreamAsync<String, String> first, List<String> keys, Duration block);
  }

  private Map<String, Map<StreamMessageId, Map<String, String>>> read(
      List<String> streams, Duration wait, Command command) {
    List<List<String>> groups = ClusterSlots.groups(redisson, streams, key -> key);
    if (groups.isEmpty()) {
      return NONE;
    }
    if (groups.size() == 1) {
      List<String> keys = groups.get(0);
      return join(command.send(redisson.getStream(keys.get(0), StringCodec.INSTANCE), keys, wait));
    }
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      Map<String, Map<StreamMessageId, Map<String, String>>> read = poll(groups, command);
      long left = deadline - System.nanoTime();
      if (!read.isEmpty() || left <= 0 || Thread.currentThread().isInterrupted()) {
        return read;
      }
      pause(Math.min(left, POLL.toNanos()));
    }
  }

  /** One non-blocking command per group, in one batch: one round trip to each master. */
  private Map<String, Map<StreamMessageId, Map<String, String>>> poll(
      List<List<String>> groups, Command command) {
    RBatch batch = redisson.createBatch();
    List<CompletionStage<Map<String, Map<StreamMessageId, Map<String, String>>>>> replies =
        new ArrayList<>();
    for (List<String> keys : groups) {
      replies.add(
          command.send(batch.getStream(keys.get(0), StringCodec.INSTANCE), keys, Duration.ZERO));
    }
    batch.execute();
    Map<String, Map<StreamMessageId, Map<String, String>>> read = new LinkedHashMap<>();
    replies.forEach(reply -> read.putAll(join(reply)));
    return read;
  }

  /** The reply, or the client's own exception (a {@link org.redisson.client.RedisException}). */
  private static <T> T join(CompletionStage<T> reply) {
    try {
      return reply.toCompletableFuture().join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  private static void pause(long nanos) {
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
