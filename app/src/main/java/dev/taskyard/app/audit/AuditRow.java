package dev.taskyard.app.audit;

/** A row of {@code audit_log}: the entry and the id the table gave it. */
record AuditRow(long id, AuditEntry entry) {}
