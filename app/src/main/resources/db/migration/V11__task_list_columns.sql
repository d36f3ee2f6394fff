-- The task list's columns each person chose to see (their ids, comma-separated; null: all). A
-- person may choose columns before a theme, so the theme may be missing too.
alter table user_preference add column task_columns text;
alter table user_preference alter column theme drop not null;
