package dev.taskyard.app.audit;

import java.util.List;
import java.util.Optional;

/** One page of rows, and the cursor of the next page if there may be one. */
record AuditPage(List<AuditRow> rows, Optional<AuditCursor> next) {}
