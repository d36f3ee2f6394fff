package dev.taskyard.app.queues;

import dev.taskyard.core.redis.QueueKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.redisson.api.RBatch;
import org.redisson.api.RScoredSortedSet;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * The queues with something going on: those whose event streams got new entries lately, marked by
 * the archivers (which watch every stream with one blocking read) in a sorted set every node
 * shares. Periodic readers of queue state ({@link QueueRounds}) read only these between their
 * sweeps, so idle queues cost them nothing. Nothing marks on a node that does not archive: there,
 * readers read every queue in every round.
 */
@ApplicationScoped
public class ActiveQueues {
  /** Marks older than this go: every reader sweeps every queue far more often. */
  static final Duration FORGET_AFTER = Duration.ofHours(1);

  @Inject RedissonClient redisson;

  @Inject
  @ConfigProperty(name = "taskyard.archive.enabled", defaultValue = "true")
  boolean archiving;

  /** Marks the queues as active now, and forgets old marks: one round trip. */
  public void seen(Collection<String> queues) {
    if (queues.isEmpty()) {
      return;
    }
    long now = System.currentTimeMillis();
    Map<String, Double> marks = new LinkedHashMap<>();
    queues.forEach(q -> marks.put(q, (double) now));
    RBatch batch = redisson.createBatch();
    var set = batch.<String>getScoredSortedSet(QueueKeys.ACTIVE_QUEUES, StringCodec.INSTANCE);
    set.addAllAsync(marks);
    set.removeRangeByScoreAsync(
        Double.NEGATIVE_INFINITY, true, now - FORGET_AFTER.toMillis(), false);
    batch.execute();
  }

  /** The queues marked at or after {@code since} (by any node's clock: give a margin). */
  public Set<String> seenSince(Instant since) {
    return new HashSet<>(
        set().valueRange(since.toEpochMilli(), true, Double.POSITIVE_INFINITY, true));
  }

  /** Whether marks are made here; when not, a reader cannot skip a queue. */
  public boolean tracked() {
    return archiving;
  }

  /** Forgets a deleted queue's mark. */
  public void forget(String queue) {
    set().remove(queue);
  }

  private RScoredSortedSet<String> set() {
    return redisson.getScoredSortedSet(QueueKeys.ACTIVE_QUEUES, StringCodec.INSTANCE);
  }
}
