package dev.taskyard.core.dependency;

import dev.taskyard.core.redis.LuaScript;
import dev.taskyard.core.redis.QueueKeys;
import dev.taskyard.core.redis.ScriptFailure;
import dev.taskyard.core.redis.ScriptRunner;
import dev.taskyard.core.task.TaskRef;
import java.time.Duration;
import java.util.List;
import org.redisson.api.RList;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the ends of parent tasks to their waiting children. The scripts that end a parent write
 * one entry per child into the parent queue's outbox; this resolves each in the child's queue (an
 * idempotent script) and only then removes it, so an entry a crash left behind is simply delivered
 * again by the next drain: workers drain after acknowledging and in their upkeep.
 */
public final class DependencyOutbox {
  private static final Logger LOG = LoggerFactory.getLogger(DependencyOutbox.class);
  private static final int STEP = 200;

  /** How long an entry for a child that does not exist (its submit failed) is kept. */
  static final Duration ORPHAN_GRACE = Duration.ofMinutes(5);

  private final RedissonClient redisson;
  private final ScriptRunner scripts;

  public DependencyOutbox(RedissonClient redisson, ScriptRunner scripts) {
    this.redisson = redisson;
    this.scripts = scripts;
  }

  /**
   * Delivers up to {@value #STEP} entries of the queue's outbox, oldest first; returns how many.
   * Bounded, so that callers on the acknowledgement path or the upkeep are never held long; what is
   * left goes with the next call.
   */
  public int drain(String queue) {
    RList<String> outbox = redisson.getList(new QueueKeys(queue).outbox(), StringCodec.INSTANCE);
    if (outbox.size() == 0) {
      return 0;
    }
    int delivered = 0;
    for (String entry : outbox.range(0, STEP - 1)) {
      boolean done = deliver(entry); // first deliver, then remove: a crash between repeats it
      outbox.remove(entry, 1);
      if (done) {
        delivered++;
      } else {
        outbox.add(entry); // kept, at the tail: it does not hold up the entries behind it
      }
    }
    return delivered;
  }

  /**
   * Tells a waiting child that its parent ended ({@code succeeded}, {@code failed} or {@code
   * cancelled}); idempotent. Returns 0 applied, 1 nothing to do, 2 no such child (yet).
   */
  public long resolve(TaskRef child, String parentId, String outcome) {
    QueueKeys k = new QueueKeys(child.queue());
    try {
      return scripts
          .run(
              LuaScript.RESOLVE_DEPENDENCY,
              List.of(
                  k.waiting(),
                  k.queued(),
                  k.scheduled(),
                  k.finished(),
                  k.stats(),
                  k.events(),
                  k.taskPrefix(),
                  k.config()),
              List.of(child.id(), parentId, outcome, k.wakeChannel()))
          .number(0);
    } catch (ScriptFailure e) {
      return 2; // the child's queue is gone: as if the child were
    }
  }

  /** True when the entry is done with: applied, already applied, or past hope. */
  private boolean deliver(String entry) {
    String[] f = entry.split(" ");
    TaskRef child = TaskRef.parse(f[0]);
    long result = resolve(child, f[1], f[2]);
    if (result != 2) {
      return true;
    }
    // Entries carry Redis time; at a grace of minutes, the local clock's skew does not matter.
    long age = System.currentTimeMillis() - Long.parseLong(f[3]);
    if (age > ORPHAN_GRACE.toMillis()) {
      LOG.warn("Dropping dependency notice for {}: no such task after {} ms", child, age);
      return true;
    }
    return false;
  }
}
