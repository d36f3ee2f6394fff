-- The task history partitioned by week of creation, so that retention drops a week's partition at
-- once instead of deleting its rows one by one, and every query bounded in time reads only its
-- weeks. Weeks start on Monday 00:00 UTC: with the default retention of 30 days about six
-- partitions are live, and a task outlives its retention by less than a week; days would make
-- hundreds of partitions for a year of history (planning and unpruned searches cost a little per
-- partition), months would keep tasks up to a month too long.
--
-- The partition key must be in the primary key, so it must never change for a task, whatever
-- order its events arrive in: created_at is now the time in the task's id (UUIDv7: the producer's
-- clock when it made the id, a moment before Redis took the task), not the time of the submitted
-- event, which may be archived after other events of the task. (id, created_at) is unique exactly
-- when id is, as the check below ties one to the other.

-- The millisecond time in the first 48 bits of a UUIDv7. Any UUID gives some time: a task id that
-- is not a UUIDv7 still has its one row, in whatever partition that time falls (or the default).
create function task_created_at(uuid) returns timestamptz language sql immutable parallel safe
  as $$ select ms_to_ts(('x' || left(replace($1::text, '-', ''), 12))::bit(48)::bigint) $$;

alter table task_history rename to task_history_v13;

create table task_history (
  id              uuid        not null,
  queue           text        not null,
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
  stream_ms       bigint      not null,
  stream_seq      bigint      not null,
  timeline        json        not null default '[]',
  state_pos       numeric,
  priority_pos    numeric,
  attempts_pos    numeric,
  error_pos       numeric,
  worker_pos      numeric,
  constraint task_history_created_from_id check (created_at = task_created_at(id))
) partition by range (created_at);

-- Rows of a week without a partition: a late event of a task whose week retention dropped, or an
-- id from a clock far ahead. Kept small: creating a week moves its rows out of it (see below), and
-- retention deletes its ended tasks as it does those of any week past retention.
create table task_history_default partition of task_history default;

-- Creates the partition of the week starting at week_start (a Monday, 00:00 UTC) unless it
-- exists, moving that week's rows out of the default partition. Attaching a table made beforehand
-- locks task_history less than creating a partition in place.
create function task_history_add_week(week_start timestamptz) returns boolean
language plpgsql as $$
declare
  week text := 'task_history_' || to_char(week_start at time zone 'UTC', 'YYYYMMDD');
begin
  if to_regclass(week) is not null then
    return false;
  end if;
  execute format('create table %I (like task_history including defaults including constraints)',
    week);
  execute format('with moved as (delete from task_history_default'
      || ' where created_at >= $1 and created_at < $2 returning *)'
      || ' insert into %I select * from moved', week)
    using week_start, week_start + interval '7 days';
  execute format('alter table task_history attach partition %I for values from (%L) to (%L)',
    week, week_start, week_start + interval '7 days');
  return true;
end $$;

-- The weeks of the rows kept, from five years back at most (older ones go to the default
-- partition), through four weeks ahead, as the app keeps them (HistoryRetention).
select count(task_history_add_week(w))
from generate_series(
  (select date_trunc('week', least(greatest(coalesce(min(task_created_at(id)), now()),
      now() - interval '5 years'), now()) at time zone 'UTC') at time zone 'UTC'
   from task_history_v13),
  date_trunc('week', now() at time zone 'UTC') at time zone 'UTC' + interval '4 weeks',
  interval '7 days') w;

insert into task_history (id, queue, type, state, priority, attempts, correlation_id, error,
  worker, created_at, started_at, finished_at, updated_at, stream_ms, stream_seq, timeline,
  state_pos, priority_pos, attempts_pos, error_pos, worker_pos)
select id, queue, type, state, priority, attempts, correlation_id, error, worker,
  task_created_at(id), started_at, finished_at, updated_at, stream_ms, stream_seq, timeline,
  state_pos, priority_pos, attempts_pos, error_pos, worker_pos
from task_history_v13;

drop table task_history_v13;

-- The indexes of V1 and V12, now on every partition (built after the copy: faster than
-- maintained during it). The primary key leads with the id: a task is looked up by it.
alter table task_history add primary key (id, created_at);
create index task_history_created on task_history (created_at, id);
create index task_history_updated on task_history (updated_at, id);
create index task_history_priority on task_history (priority, id);
create index task_history_queue_created on task_history (queue, created_at, id);
create index task_history_unsucceeded_created on task_history (created_at, id)
  where state <> 'SUCCEEDED';
create index task_history_queue_unsucceeded_created on task_history (queue, created_at, id)
  where state <> 'SUCCEEDED';
create index task_history_finished on task_history using brin (finished_at);
create index task_history_error on task_history using gin (error gin_trgm_ops)
  where error is not null;
create index task_history_correlation on task_history (lower(correlation_id) text_pattern_ops);
