package dev.taskyard.app.tasks;

import dev.taskyard.app.history.ErrorPattern;
import dev.taskyard.app.history.TaskCursor;
import dev.taskyard.app.history.TaskQuery;
import dev.taskyard.app.history.TaskSort;
import dev.taskyard.app.platform.BadParameterException;
import dev.taskyard.app.platform.InstantParameter;
import dev.taskyard.app.platform.LimitParameter;
import dev.taskyard.core.InvalidInputException;
import dev.taskyard.core.control.QueueNames;
import dev.taskyard.core.task.TaskState;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The query parameters of {@code GET /api/queue/tasks}, checked one by one: the first bad one is
 * reported by name, so nothing reaches the database unless all are valid.
 */
public record TaskQueryParameters(
    String queue,
    List<String> states,
    String type,
    String from,
    String to,
    String q,
    String error,
    String sort,
    String order,
    String limit,
    String cursor) {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;
  static final int MAX_TEXT = 200;

  private static final Set<String> STATES = stateNames();

  /** The filters given, as a query string would carry them: {@code queue=emails&state=FAILED}. */
  public String describe() {
    StringJoiner filters = new StringJoiner("&");
    Map<String, String> named = new LinkedHashMap<>();
    named.put("queue", queue);
    named.put("state", states == null ? null : String.join(",", states));
    named.put("type", type);
    named.put("from", from);
    named.put("to", to);
    named.put("q", q);
    named.put("error", error);
    named.forEach((name, value) -> present(value).ifPresent(v -> filters.add(name + "=" + v)));
    return filters.toString();
  }

  /** A queue (or none) and a range of creation times, to be checked as the list checks them. */
  public static TaskQueryParameters range(String queue, String from, String to) {
    return new TaskQueryParameters(queue, null, null, from, to, null, null, null, null, null, null);
  }

  public TaskQuery toQuery() {
    Optional<String> queueName = present(queue).map(TaskQueryParameters::queueName);
    Set<String> stateSet = new LinkedHashSet<>();
    for (String value : states == null ? List.<String>of() : states) {
      for (String state : value.split(",")) {
        String name = state.trim().toUpperCase(Locale.ROOT);
        if (!STATES.contains(name)) {
          throw new BadParameterException("state", "must be one of " + STATES);
        }
        stateSet.add(name);
      }
    }
    Optional<String> typeName = present(type).map(t -> text("type", t));
    Optional<Instant> fromTime = present(from).map(t -> InstantParameter.parse("from", t));
    Optional<Instant> toTime = present(to).map(t -> InstantParameter.parse("to", t));
    if (fromTime.isPresent() && toTime.isPresent() && !fromTime.get().isBefore(toTime.get())) {
      throw new BadParameterException("to", "must be after from");
    }
    Optional<String> text = present(q).map(t -> text("q", t));
    Optional<String> errorPattern = present(error).map(TaskQueryParameters::errorPattern);
    TaskSort taskSort =
        present(sort)
            .map(
                s ->
                    TaskSort.ofParameter(s)
                        .orElseThrow(
                            () ->
                                new BadParameterException(
                                    "sort",
                                    "must be one of "
                                        + Arrays.stream(TaskSort.values())
                                            .map(TaskSort::parameter)
                                            .toList())))
            .orElse(TaskSort.CREATED_AT);
    boolean ascending =
        present(order)
            .map(
                o -> {
                  if (!o.equals("asc") && !o.equals("desc")) {
                    throw new BadParameterException("order", "must be asc or desc");
                  }
                  return o.equals("asc");
                })
            .orElse(false);
    int pageSize =
        present(limit).map(v -> LimitParameter.parse(v, MAX_LIMIT)).orElse(DEFAULT_LIMIT);
    Optional<TaskCursor> after =
        present(cursor)
            .map(
                c ->
                    TaskCursor.decode(c)
                        .filter(d -> d.sort() == taskSort && d.ascending() == ascending)
                        .orElseThrow(
                            () ->
                                new BadParameterException(
                                    "cursor",
                                    "is not a cursor of a page with this sort and order")));
    return new TaskQuery(
        queueName,
        stateSet,
        typeName,
        fromTime,
        toTime,
        text,
        errorPattern,
        taskSort,
        ascending,
        after,
        pageSize);
  }

  private static Optional<String> present(String value) {
    return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  private static String queueName(String name) {
    try {
      return QueueNames.check("queue", name);
    } catch (InvalidInputException e) {
      throw new BadParameterException("queue", "is not a queue name");
    }
  }

  private static String text(String parameter, String value) {
    if (value.isBlank() || value.length() > MAX_TEXT) {
      throw new BadParameterException(parameter, "must be 1-" + MAX_TEXT + " characters");
    }
    return value;
  }

  private static String errorPattern(String value) {
    // A shape may be longer than the message it came from: '' becomes '*'.
    if (value.isBlank() || value.length() > 2 * ErrorPattern.MAX_LENGTH) {
      throw new BadParameterException(
          "error", "must be 1-" + 2 * ErrorPattern.MAX_LENGTH + " characters");
    }
    return value;
  }

  private static Set<String> stateNames() {
    Set<String> names = new LinkedHashSet<>();
    Arrays.stream(TaskState.values()).forEach(s -> names.add(s.name()));
    // History only: a task an operator deleted.
    names.add("DELETED");
    return Collections.unmodifiableSet(names);
  }
}
