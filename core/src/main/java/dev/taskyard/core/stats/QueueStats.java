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
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    QueueNames.check(queue);
    QueueKeys k = new QueueKeys(queue);
    ScriptReply r;
    try {
      r =
          scripts.run(
              LuaScript.QUEUE_STATUS,
              List.of(
                  k.queued(),
                  k.scheduled(),
                  k.leased(),
                  k.dead(),
                  k.config(),
                  k.stats(),
                  k.waiting()),
              List.of());
    } catch (ScriptFailure e) {
      if (e.error() == ScriptError.QUEUE_NOT_REGISTERED) {
        throw new UnknownQueueException(queue);
      }
      throw e;
    }
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
            counters.getOrDefault("cancelled", 0L)),
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

  private HistogramSnapshot histogram(String key) {
    Map<String, String> hash =
        redisson.<String, String>getMap(key, StringCodec.INSTANCE).readAllMap();
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
