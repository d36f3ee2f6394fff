package dev.taskyard.app.audit;

import java.time.Instant;
import java.util.Optional;

/**
 * A filtered page of the audit log, newest first. Empty filters match everything; {@code actor},
 * {@code action} and {@code target} match exactly; {@code from} is inclusive and {@code to}
 * exclusive.
 */
record AuditQuery(
    Optional<String> actor,
    Optional<String> action,
    Optional<String> target,
    Optional<Instant> from,
    Optional<Instant> to,
    Optional<AuditCursor> after,
    int limit) {

  /** The same filters, {@code limit} rows after {@code cursor}. */
  AuditQuery after(AuditCursor cursor, int rows) {
    return new AuditQuery(actor, action, target, from, to, Optional.of(cursor), rows);
  }
}
