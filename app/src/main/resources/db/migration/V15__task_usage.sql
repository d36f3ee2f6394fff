-- What a task's last measured attempt used, as its worker measured it and the event that ended
-- the attempt carried it (succeeded, retrying, failed, cancelled): CPU time in microseconds and
-- heap bytes allocated, null where not measured, so that the console shows them once Redis no
-- longer has the task. usage_pos: the stream position of the event that set both (see V4).
-- Nullable columns without a default: added to every partition without rewriting one.
alter table task_history
  add column cpu_time_us     bigint,
  add column allocated_bytes bigint,
  add column usage_pos       numeric;
