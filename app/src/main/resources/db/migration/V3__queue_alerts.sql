-- In-app alerts: a queue threshold breached, raised and resolved by the alert evaluator.
create table queue_alert (
  id          bigint generated always as identity primary key,
  queue       text             not null,
  kind        text             not null,
  severity    text             not null,
  value       double precision not null,
  threshold   double precision not null,
  message     text             not null,
  raised_at   timestamptz      not null,
  updated_at  timestamptz      not null,
  resolved_at timestamptz
);

-- At most one open alert per queue and kind.
create unique index queue_alert_open on queue_alert (queue, kind) where resolved_at is null;
create index queue_alert_recent on queue_alert (raised_at desc, id desc);
