-- Stream entries the archiver could not write into the history (a value PostgreSQL refuses, an
-- entry that does not decode), set aside after taskyard.archive.max-attempts tries so that the
-- rest of the queue goes on. Kept exactly as they were in the stream (json, not jsonb: json keeps
-- any string, \u0000 included), with the last error; listed by GET /api/queue/archive/quarantine.
create table archive_quarantine (
  queue           text        not null,
  stream_id       text        not null,
  fields          json        not null,
  error           text        not null,
  attempts        integer     not null,
  quarantined_at  timestamptz not null default now(),
  primary key (queue, stream_id)
);

create index archive_quarantine_time on archive_quarantine (quarantined_at);
