-- Task history, written by the archiver (dev.taskyard.app.history.StreamArchiver) from the
-- per-queue Redis event streams. One row per task, updated as its events arrive, its timeline in
-- it (a row per event would be three quarters of the archiver's writes).
create extension if not exists pg_trgm;

-- Wait and run times are computed on reading (a generated column costs every write). No fillfactor
-- below 100: every event changes updated_at, which is indexed, so no update could be HOT.

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
  -- Stream position of the newest event applied: an older event never overwrites a newer one.
  stream_ms       bigint      not null,
  stream_seq      bigint      not null,
  -- Every event of the task, oldest first, one per stream position (see history.Timeline). json,
  -- not jsonb: stored as written (smaller, and cheaper to take in); only a merge parses it.
  timeline        json        not null default '[]'
);

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

-- Two timelines of one task, merged: each stream position once, in stream order. Events arrive in
-- any order (nodes share the stream) and may be replayed; merging is idempotent.
create function merge_timeline(json, json) returns json language sql immutable as $$
  select coalesce(json_agg(e order by ms, seq), '[]'::json)
  from (select distinct on (ms, seq) e, ms, seq
        from (select e, (e->>'ms')::bigint as ms, (e->>'seq')::bigint as seq
              from (select json_array_elements($1) as e
                    union all select json_array_elements($2)) all_events) keyed) merged
$$;
