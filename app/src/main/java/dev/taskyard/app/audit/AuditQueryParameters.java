package dev.taskyard.app.audit;

import dev.taskyard.app.platform.BadParameterException;
import dev.taskyard.app.platform.InstantParameter;
import dev.taskyard.app.platform.LimitParameter;
import java.time.Instant;
import java.util.Optional;

/**
 * The query parameters of {@code GET /api/audit} and its export, checked one by one: the first bad
 * one is reported by name, so nothing reaches the database unless all are valid.
 */
record AuditQueryParameters(
    String actor,
    String action,
    String target,
    String from,
    String to,
    String limit,
    String cursor) {
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;
  static final int MAX_TEXT = 200;

  AuditQuery toQuery() {
    Optional<String> actorName = present(actor).map(v -> text("actor", v));
    Optional<String> actionName = present(action).map(v -> text("action", v));
    Optional<String> targetName = present(target).map(v -> text("target", v));
    Optional<Instant> fromTime = present(from).map(v -> InstantParameter.parse("from", v));
    Optional<Instant> toTime = present(to).map(v -> InstantParameter.parse("to", v));
    if (fromTime.isPresent() && toTime.isPresent() && !fromTime.get().isBefore(toTime.get())) {
      throw new BadParameterException("to", "must be after from");
    }
    int rows = present(limit).map(v -> LimitParameter.parse(v, MAX_LIMIT)).orElse(DEFAULT_LIMIT);
    Optional<AuditCursor> after =
        present(cursor)
            .map(
                c ->
                    AuditCursor.decode(c)
                        .orElseThrow(
                            () ->
                                new BadParameterException(
                                    "cursor", "is not the next of an audit log page")));
    return new AuditQuery(actorName, actionName, targetName, fromTime, toTime, after, rows);
  }

  private static Optional<String> present(String value) {
    return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  private static String text(String parameter, String value) {
    if (value.isBlank()
        || value.length() > MAX_TEXT
        || value.chars().anyMatch(Character::isISOControl)) {
      throw new BadParameterException(
          parameter, "must be 1-" + MAX_TEXT + " characters, none of them control characters");
    }
    return value;
  }
}
