package dev.taskyard.app.history;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A filtered, sorted page of the task history. Empty filters match everything; {@code from} is
 * inclusive and {@code to} exclusive, on the creation time; {@code text} matches type, correlation
 * id and error as a substring (case-insensitive), and the task id exactly; {@code errorPattern}
 * matches the tasks whose error has that shape ({@link ErrorPattern}).
 */
public record TaskQuery(
    Optional<String> queue,
    Set<String> states,
    Optional<String> type,
    Optional<Instant> from,
    Optional<Instant> to,
    Optional<String> text,
    Optional<String> errorPattern,
    TaskSort sort,
    boolean ascending,
    Optional<TaskCursor> after,
    int limit) {}
