-- The daily report's deliveries (dev.taskyard.app.reports.DailyReportJob): one row per day. The
-- node that inserts the row sends the report; a failed delivery is claimed again after five
-- minutes, five attempts at most, and its last error stays here.
create table report_delivery (
  day          date        primary key,
  claimed_at   timestamptz not null,
  attempts     integer     not null,
  delivered_at timestamptz,
  channels     text,
  last_error   text
);
