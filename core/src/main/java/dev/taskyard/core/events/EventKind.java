package dev.taskyard.core.events;

import dev.taskyard.core.task.TaskState;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every kind of entry the scripts append to a queue's event stream, by its wire name, and what it
 * does to the tasks it names. A new kind is one more constant here (a test fails until it is); a
 * reader meeting a name it does not know (written by a newer node) keeps it as a plain event.
 */
public enum EventKind {
  /** The state is per task ({@link TaskEvent#stateAt}); QUEUED when not given. */
  SUBMITTED("submitted", Effect.STATE, TaskState.QUEUED),
  QUEUED("queued", Effect.STATE, TaskState.QUEUED),
  REQUEUED("requeued", Effect.STATE, TaskState.QUEUED),
  UNBLOCKED("unblocked", Effect.STATE, TaskState.QUEUED),
  PROMOTED("promoted", Effect.STATE, TaskState.QUEUED),
  REPLAYED("replayed", Effect.STATE, TaskState.QUEUED),
  /** A lease given back: QUEUED with the attempt undone ({@link TaskEvent#attemptsAt}). */
  RELEASED("released", Effect.STATE, TaskState.QUEUED),
  /** Claimed by {@code worker}; carries each task's attempt. */
  STARTED("started", Effect.STATE, TaskState.RUNNING),
  /** Carries what each attempt used where measured: {@code cpu} (µs) and {@code alloc} (bytes). */
  SUCCEEDED("succeeded", Effect.STATE, TaskState.SUCCEEDED),
  /** Failed, to run again at {@code runAt}; carries the {@code error} and what the attempt used. */
  RETRYING("retrying", Effect.STATE, TaskState.SCHEDULED),
  /** Failed for good (dead-lettered); carries the {@code error} and what the attempt used. */
  FAILED("failed", Effect.STATE, TaskState.FAILED),
  EXPIRED("expired", Effect.STATE, TaskState.EXPIRED),
  /** Where a running attempt ended so, carries what it used, as {@link #SUCCEEDED} does. */
  CANCELLED("cancelled", Effect.STATE, TaskState.CANCELLED),
  /** The task's record is gone: it has no state any more. */
  DELETED("deleted", Effect.REMOVAL, null),
  /**
   * The task's record was gone when a worker claimed it (evicted by Redis): dropped unrun, and
   * counted in the queue's {@code recordsLost}; carries the {@code reason}.
   */
  LOST("lost", Effect.REMOVAL, null),
  /** Cancellation asked of a running task; it ends when its handler does. */
  CANCEL_REQUESTED("cancel-requested", Effect.NONE, null),
  /** Carries the new {@code priority}. */
  REPRIORITIZED("reprioritized", Effect.NONE, null),
  /** Moved one place up or down in the queue by hand; carries the {@code direction}. */
  MOVED("moved", Effect.NONE, null),
  /** Carries the {@code schedule} that created the task and its {@code fireAt}. */
  SCHEDULE_FIRED("schedule-fired", Effect.NONE, null),
  /** Carries {@code percents}; live only, not history. */
  PROGRESS("progress", Effect.NONE, null),
  QUEUE_CONFIGURED("queue-configured", Effect.QUEUE, null),
  QUEUE_PAUSED("queue-paused", Effect.QUEUE, null),
  QUEUE_RESUMED("queue-resumed", Effect.QUEUE, null),
  SCHEDULE_CREATED("schedule-created", Effect.QUEUE, null),
  SCHEDULE_UPDATED("schedule-updated", Effect.QUEUE, null),
  SCHEDULE_PAUSED("schedule-paused", Effect.QUEUE, null),
  SCHEDULE_RESUMED("schedule-resumed", Effect.QUEUE, null),
  SCHEDULE_DELETED("schedule-deleted", Effect.QUEUE, null);

  /** What an event of a kind does to the tasks it names. */
  public enum Effect {
    /** Moves them to {@link #leadsTo()}. */
    STATE,
    /** Removes them. */
    REMOVAL,
    /** Leaves their state as it was. */
    NONE,
    /** Names no task: an event about the queue itself. */
    QUEUE
  }

  private static final Map<String, EventKind> BY_NAME =
      Arrays.stream(values()).collect(Collectors.toMap(k -> k.wireName, Function.identity()));

  private final String wireName;
  private final Effect effect;
  private final TaskState leadsTo;

  EventKind(String wireName, Effect effect, TaskState leadsTo) {
    this.wireName = wireName;
    this.effect = effect;
    this.leadsTo = leadsTo;
  }

  /** The kind a stream entry's {@code type} field names, if this version knows it. */
  public static Optional<EventKind> of(String wireName) {
    return Optional.ofNullable(BY_NAME.get(wireName));
  }

  /** The name in the stream's {@code type} field. */
  public String wireName() {
    return wireName;
  }

  public Effect effect() {
    return effect;
  }

  /** The state the tasks move to, for {@link Effect#STATE} kinds. */
  public Optional<TaskState> leadsTo() {
    return Optional.ofNullable(leadsTo);
  }
}
