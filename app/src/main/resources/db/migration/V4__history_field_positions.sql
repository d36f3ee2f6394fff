-- Archivers on several nodes commit batches in any order. Each group of fields a task row holds
-- keeps the value of the newest event that set it: its stream position, as one number
-- (ms * 2^64 + seq, see history.StreamPosition), beside it. Null: no event set it yet, so any does.
alter table task_history
  add column state_pos    numeric,  -- state and finished_at
  add column priority_pos numeric,
  add column attempts_pos numeric,
  add column error_pos    numeric,
  add column worker_pos   numeric;  -- worker and started_at

-- Rows written before: every field as of the newest event applied, as they were merged then.
update task_history
  set state_pos = stream_ms::numeric * 18446744073709551616 + stream_seq,
      priority_pos = stream_ms::numeric * 18446744073709551616 + stream_seq,
      attempts_pos = stream_ms::numeric * 18446744073709551616 + stream_seq,
      error_pos = stream_ms::numeric * 18446744073709551616 + stream_seq,
      worker_pos = stream_ms::numeric * 18446744073709551616 + stream_seq;
