package dev.taskyard.app.audit;

import java.util.List;

/**
 * A page of the audit log, newest first.
 *
 * @param next the cursor of the following page; null on the last
 * @param pending entries recorded in Redis and not yet stored in PostgreSQL (not yet listed); null
 *     when Redis did not answer
 * @param lostOnThisNode entries this node could not record since it started (Redis and PostgreSQL
 *     both failed; each is in the node's log)
 */
public record AuditPageView(
    List<AuditEntryView> entries, String next, Long pending, long lostOnThisNode) {}
