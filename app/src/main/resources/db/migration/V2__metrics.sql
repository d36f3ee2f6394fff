-- Per-queue time series: samples at a fine step (resolution 'raw'), rolled up to 'hour' and 'day'.
-- Every row has the same shape, so a rollup is the merge of its source rows and a query can read
-- any resolution the same way.
--   counters:    tasks enqueued, succeeded, failed, retried, dead-lettered in the interval
--   gauge_sums:  sums over the row's samples of queued, scheduled, waiting, running, worker
--                threads, busy threads, worker nodes, nodes' CPU load (0-1), nodes' heap used
--   gauge_maxes: the highest reading of each gauge
--   *_buckets:   histogram bucket counts in the interval, bounds as HistogramBuckets (+Inf last)
create table queue_metrics (
  queue            text               not null,
  resolution       text               not null check (resolution in ('raw', 'hour', 'day')),
  bucket_start     timestamptz        not null,
  interval_ms      bigint             not null,
  samples          integer            not null,
  counters         bigint[]           not null,
  gauge_sums       double precision[] not null,
  gauge_maxes      double precision[] not null,
  duration_buckets bigint[]           not null,
  duration_sum_ms  bigint             not null,
  wait_buckets     bigint[]           not null,
  wait_sum_ms      bigint             not null,
  primary key (queue, resolution, bucket_start)
);

create index queue_metrics_by_age on queue_metrics (resolution, bucket_start);

-- The queue's cumulative totals at its last stored sample: the next sample stores the difference,
-- so a sample missed while PostgreSQL was away loses no counts.
create table queue_metrics_cursor (
  queue            text        primary key,
  sampled_at       timestamptz not null,
  counters         bigint[]    not null,
  duration_buckets bigint[]    not null,
  duration_sum_ms  bigint      not null,
  wait_buckets     bigint[]    not null,
  wait_sum_ms      bigint      not null
);
