package dev.taskyard.core.stats;

import dev.taskyard.core.control.QueueNames;
import dev.taskyard.core.control.UnknownQueueException;
import dev.taskyard.core.redis.LuaScript;
import dev.taskyard.core.redis.QueueKeys;
import dev.taskyard.core.redis.ScriptError;
import dev.taskyard.core.redis.ScriptFailure;
import dev.taskyard.core.redis.ScriptReply;
import dev.taskyard.core.redis.ScriptRunner;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.redisson.api.RBatch;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/** Reads queue status snapshots and histograms: O(1) per queue, no walking of task lists. */
public final class QueueStats {
  private final RedissonClient redisson;
  private final ScriptRunner scripts;

  public QueueStats(RedissonClient redisson, ScriptRunner scripts) {
    this.redisson = redisson;
    this.scripts = scripts;
  }

  /**
   * @throws UnknownQueueException if the queue was never used
   */
  public QueueStatus status(String queue) {
    try {
      return parse(queue, scripts.run(LuaScript.QUEUE_STATUS, keys(queue), List.of()));
    } catch (ScriptFailure e) {
      throw unknownOr(queue, e);
    }
  }

  /**
   * The status of each queue, in order, read with all scripts in flight at once: about one round
   * trip for all of them instead of one each. A queue that is not registered (never used, or
   * removed since it was listed) is left out.
   */
  public List<QueueStatus> statuses(List<String> queues) {
    List<CompletableFuture<ScriptReply>> replies = new ArrayList<>();
    for (String queue : queues) {
      replies.add(
          scripts.runAsync(LuaScript.QUEUE_STATUS, keys(queue), List.of()).toCompletableFuture());
    }
    List<QueueStatus> statuses = new ArrayList<>();
    for (int i = 0; i < queues.size(); i++) {
      try {
        statuses.add(parse(queues.get(i), replies.get(i).join()));
      } catch (CompletionException e) {
        if (e.getCause() instanceof ScriptFailure failure
            && failure.error() == ScriptError.QUEUE_NOT_REGISTERED) {
          continue;
        }
        throw e.getCause() instanceof RuntimeException cause ? cause : e;
      }
    }
    return statuses;
  }

  private static List<String> keys(String queue) {
    QueueNames.check(queue);
    QueueKeys k = new QueueKeys(queue);
    return List.of(
        k.queued(), k.scheduled(), k.leased(), k.dead(), k.config(), k.stats(), k.waiting());
  }

  private static RuntimeException unknownOr(String queue, ScriptFailure e) {
    return e.error() == ScriptError.QUEUE_NOT_REGISTERED ? new UnknownQueueException(queue) : e;
  }

  private static QueueStatus parse(String queue, ScriptReply r) {
    long now = r.number(0);
    long oldestAt = r.number(6);
    Map<String, Long> counters = new HashMap<>();
    for (int i = 8; i + 1 < r.size(); i += 2) {
      counters.put(r.string(i), Long.parseLong(r.string(i + 1)));
    }
    return new QueueStatus(
        queue,
        r.number(1),
        r.number(2),
        r.number(7),
        r.number(3),
        r.number(4),
        r.number(5) == 1,
        oldestAt < 0
            ? Optional.empty()
            : Optional.of(Duration.ofMillis(Math.max(0, now - oldestAt))),
        new QueueStatus.Totals(
            counters.getOrDefault("enqueued", 0L),
            counters.getOrDefault("succeeded", 0L),
            counters.getOrDefault("failed", 0L),
            counters.getOrDefault("retried", 0L),
            counters.getOrDefault("deadLettered", 0L),
            counters.getOrDefault("leasesExpired", 0L),
            counters.getOrDefault("replayed", 0L),
            counters.getOrDefault("cancelled", 0L),
            counters.getOrDefault("deadLettersTrimmed", 0L),
            counters.getOrDefault("recordsLost", 0L)),
        Instant.ofEpochMilli(now));
  }

  /** Durations of finished attempts (succeeded or failed). */
  public HistogramSnapshot durations(String queue) {
    return histogram(new QueueKeys(QueueNames.check(queue)).durationHistogram());
  }

  /** Time from queued to started. */
  public HistogramSnapshot waitTimes(String queue) {
    return histogram(new QueueKeys(QueueNames.check(queue)).waitHistogram());
  }

  /**
   * The duration and wait-time histograms of each queue, in the order given, in one pipelined round
   * trip.
   */
  public Map<String, QueueHistograms> histograms(List<String> queues) {
    if (queues.isEmpty()) {
      return Map.of();
    }
    RBatch batch = redisson.createBatch();
    for (String queue : queues) {
      QueueKeys k = new QueueKeys(QueueNames.check(queue));
      batch.<String, String>getMap(k.durationHistogram(), StringCodec.INSTANCE).readAllMapAsync();
      batch.<String, String>getMap(k.waitHistogram(), StringCodec.INSTANCE).readAllMapAsync();
    }
    List<?> hashes = batch.execute().getResponses();
    Map<String, QueueHistograms> histograms = new LinkedHashMap<>();
    for (int i = 0; i < queues.size(); i++) {
      @SuppressWarnings("unchecked")
      Map<String, String> durations = (Map<String, String>) hashes.get(2 * i);
      @SuppressWarnings("unchecked")
      Map<String, String> waits = (Map<String, String>) hashes.get(2 * i + 1);
      histograms.put(
          queues.get(i), new QueueHistograms(fromBuckets(durations), fromBuckets(waits)));
    }
    return histograms;
  }

  /** A queue's two histograms. */
  public record QueueHistograms(HistogramSnapshot durations, HistogramSnapshot waitTimes) {}

  private HistogramSnapshot histogram(String key) {
    return fromBuckets(redisson.<String, String>getMap(key, StringCodec.INSTANCE).readAllMap());
  }

  private static HistogramSnapshot fromBuckets(Map<String, String> hash) {
    List<Long> cumulative = new ArrayList<>();
    long running = 0;
    for (Long bound : HistogramBuckets.BOUNDS_MS) {
      running += Long.parseLong(hash.getOrDefault(bound.toString(), "0"));
      cumulative.add(running);
    }
    cumulative.add(running + Long.parseLong(hash.getOrDefault("+Inf", "0")));
    return new HistogramSnapshot(
        HistogramBuckets.BOUNDS_MS, cumulative, Long.parseLong(hash.getOrDefault("sum", "0")));
  }
}
