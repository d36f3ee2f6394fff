package dev.taskyard.app.queues;

import dev.taskyard.core.stats.QueueStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which queues a periodic reader of queue state (alert rounds, metric samples) reads in each round:
 * every registered queue once per sweep, and in between only those {@link ActiveQueues} saw active
 * since its previous round and those its last reading found holding something. A queue it skips is
 * quiet: its last reading found nothing in it and nothing breached, and no event has happened in it
 * since, so reading it again would find the same. Between sweeps, then, a round's cost depends on
 * the queues with something going on, not on how many idle ones there are.
 */
public final class QueueRounds {
  /** Slack for the clocks of the nodes that mark activity. */
  static final Duration CLOCK_MARGIN = Duration.ofSeconds(30);

  private final Duration sweep;
  private final Set<String> holding = new HashSet<>();
  private Instant lastSweep;
  private Instant lastRound;

  /** Every queue is read at least once per {@code sweep}. */
  public QueueRounds(Duration sweep) {
    this.sweep = sweep;
  }

  /**
   * The queues to read in the round starting at {@code now}, in the order registered. Until the
   * round is {@link #completed}, the next one starts from the same point: a failed round loses no
   * activity.
   */
  public synchronized Round next(List<String> registered, ActiveQueues active, Instant now) {
    holding.retainAll(registered);
    if (!active.tracked() || lastSweep == null || !now.isBefore(lastSweep.plus(sweep))) {
      return new Round(registered, true, now);
    }
    Set<String> due = active.seenSince(lastRound.minus(CLOCK_MARGIN));
    due.addAll(holding);
    return new Round(registered.stream().filter(due::contains).toList(), false, now);
  }

  /** The round read every queue it named. */
  public synchronized void completed(Round round) {
    lastRound = round.at();
    if (round.full()) {
      lastSweep = round.at();
    }
  }

  /** What reading {@code queue} found: whether it holds something the next round must read. */
  public synchronized void found(String queue, boolean holdsSomething) {
    if (holdsSomething) {
      holding.add(queue);
    } else {
      holding.remove(queue);
    }
  }

  /** Whether the queue holds tasks not yet ended: it may change without an event (ages, leases). */
  public static boolean holdsTasks(QueueStatus s) {
    return s.queued() + s.scheduled() + s.running() + s.waiting() > 0;
  }

  /**
   * One round's queues.
   *
   * @param full every registered queue is read
   * @param at when it started
   */
  public record Round(List<String> queues, boolean full, Instant at) {}
}
