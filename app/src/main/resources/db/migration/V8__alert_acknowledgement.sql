-- Who acknowledged an alert, and when: the console's notifications show it.
alter table queue_alert add column acknowledged_by text;
alter table queue_alert add column acknowledged_at timestamptz;
