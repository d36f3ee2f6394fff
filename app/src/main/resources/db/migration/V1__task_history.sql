-- Task history written by the archiver from the per-queue Redis streams.
create table task (
  id             uuid        primary key,
  queue          text        not null,
  type           text        not null,
  state          text        not null,
  priority       integer,
  attempt        integer     not null default 0,
  correlation_id text,
  error          text,
  created_at     timestamptz not null,
  updated_at     timestamptz not null
);
