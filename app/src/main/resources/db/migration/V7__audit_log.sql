-- The audit log: one row per mutation, from the API (dev.taskyard.app.audit.AuditFilter) or the
-- console (AuditLog.record). Rows arrive through the Redis stream ty:audit in batches, or directly
-- while Redis is away; entry_id is the id the entry was given when it was recorded, so a row
-- written twice (a resent XADD, a stream entry and a direct insert of the same entry) is kept once.
-- Read by GET /api/audit, newest first, in pages keyed by (at, id).
create table audit_log (
  id        bigint generated always as identity primary key,
  entry_id  uuid        not null unique,
  at        timestamptz not null,
  actor     text        not null,
  role      text        not null,
  action    text        not null,
  target    text,
  before    jsonb,
  after     jsonb,
  address   text,
  status    integer     not null,
  result    text        not null
);

-- Every filter narrows by time and pages by (at, id); each other filter has its own index that
-- also gives the page's order, so a filtered page reads only the rows it returns.
create index audit_log_at on audit_log (at desc, id desc);
create index audit_log_actor on audit_log (actor, at desc, id desc);
create index audit_log_action on audit_log (action, at desc, id desc);
create index audit_log_target on audit_log (target, at desc, id desc);
