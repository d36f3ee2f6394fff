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
  stream_seq      bigint      not null
) with (fillfactor = 90);

-- Every index costs the archiver a write per task row (and per update that changes its key), so
-- only what the list needs: each sort key with the id as tie-breaker (keyset pages), the queue
-- filter, and the states worth filtering for (SUCCEEDED is most of the history; a filter for it
-- walks the creation-time index and finds a page at once). Other filters (type, time range) ride
-- on these; EXPLAIN in HistoryBenchmark shows the plans.
create index task_history_created on task_history (created_at, id);
create index task_history_updated on task_history (updated_at, id);
create index task_history_priority on task_history (priority, id);
create index task_history_queue_created on task_history (queue, created_at, id);
create index task_history_unsucceeded_created on task_history (created_at, id)
  where state <> 'SUCCEEDED';
-- Retention deletes ended tasks by age; rows end roughly in insertion order, so block ranges do.
create index task_history_finished on task_history using brin (finished_at);
-- Free text (q): a substring of the error (trigrams; only failed tasks carry one), the start of a
-- correlation id (B-tree: the ids of one system tend to share a prefix, whose trigrams would match
-- every row), the task id exactly (primary key). Each has its index, so they OR as bitmaps.
create index task_history_error on task_history using gin (error gin_trgm_ops)
  where error is not null;
create index task_history_correlation on task_history (lower(correlation_id) text_pattern_ops);

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
