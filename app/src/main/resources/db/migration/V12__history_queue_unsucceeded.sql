-- The task list filtered by queue and a state other than SUCCEEDED (the dashboard's top errors link
-- to a queue's FAILED tasks): with only task_history_unsucceeded_created, a queue with few such
-- tasks walked those of every queue, newest first, to fill a page (0.5 s at 1,000,000 rows,
-- ConsoleServerTimeBenchmark); now it reads its own. Like that index, it holds only the rows not
-- SUCCEEDED, so what most tasks cost the archiver does not change.
create index task_history_queue_unsucceeded_created on task_history (queue, created_at, id)
  where state <> 'SUCCEEDED';
