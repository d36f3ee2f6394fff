-- Task history, written by the archiver (dev.taskyard.app.history.StreamArchiver) from the
-- per-queue Redis event streams. One row per task, updated as its events arrive, and one row per
-- task and event for the timeline.
create extension if not exists pg_trgm;

-- Times travel as epoch milliseconds; integer arithmetic keeps them exact (keyset cursors compare
-- them for equality).
create function ms_to_ts(bigint) returns timestamptz language sql immutable
  as $$ select timestamptz 'epoch' + $1 * interval '1 millisecond' $$;

create table task_history (
  id              uuid        primary key,
  queue           text        not null,
  -- Null only when the task's submitted event was never seen (lost to the stream's safety cap).
  type            text,
  state           text        not null,
  priority        integer     not null default 0,
  attempts        integer     not null default 0,
  correlation_id  text,
  error           text,
  worker          text,
  created_at      timestamptz not null,
  started_at      timestamptz,
  finished_at     timestamptz,
  updated_at      timestamptz not null,
  -- Wait (created to last start) and run (last start to end) in milliseconds.
  wait_ms         bigint generated always as (
                    (extract(epoch from started_at - created_at) * 1000)::bigint) stored,
  run_ms          bigint generated always as (
                    (extract(epoch from finished_at - started_at) * 1000)::bigint) stored,
  -- Stream position of the newest event applied: an older event never overwrites a newer one.
  stream_ms       bigint      not null,
  stream_seq      bigint      not null,
  -- What the free-text search matches; the id is matched exactly.
  search          text generated always as (
                    coalesce(type, '') || ' ' || coalesce(correlation_id, '') || ' '
                    || coalesce(error, '')) stored
);

-- Keyset pages: every sort key with the id as tie-breaker, alone and within a queue.
create index task_history_created on task_history (created_at, id);
create index task_history_updated on task_history (updated_at, id);
create index task_history_priority on task_history (priority, id);
create index task_history_queue_created on task_history (queue, created_at, id);
create index task_history_queue_updated on task_history (queue, updated_at, id);
create index task_history_state_created on task_history (state, created_at, id);
create index task_history_type_created on task_history (type, created_at, id);
-- Retention deletes ended tasks by age.
create index task_history_finished on task_history (finished_at) where finished_at is not null;
create index task_history_search on task_history using gin (search gin_trgm_ops);

create table task_transition (
  -- No foreign key: checking one per row would slow the archiver; retention deletes both.
  task_id    uuid        not null,
  stream_ms  bigint      not null,
  stream_seq bigint      not null,
  event      text        not null,
  -- The state the event left the task in; null for events that do not change it.
  state      text,
  at         timestamptz not null,
  worker     text,
  attempt    integer,
  error      text,
  detail     text,
  primary key (task_id, stream_ms, stream_seq)
);
