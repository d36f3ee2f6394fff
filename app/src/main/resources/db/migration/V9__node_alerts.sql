-- Alerts about a worker node rather than a queue (a node lost): they name the node, not a queue.
alter table queue_alert add column node text;
alter table queue_alert alter column queue drop not null;

-- At most one open alert per queue or node, and kind.
drop index queue_alert_open;
create unique index queue_alert_open on queue_alert (coalesce(queue, ''), coalesce(node, ''), kind)
  where resolved_at is null;
