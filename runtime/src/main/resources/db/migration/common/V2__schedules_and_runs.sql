-- FlowLens schedules and run history. Portable types only (text, integer, bigint) so SQLite and PostgreSQL
-- share this file and the code that reads it; times are epoch milliseconds (UTC), JSON is text.
create table schedules (
  id                  text    not null primary key,
  workflow_path       text    not null,
  cron                text    not null,
  zone                text    not null,
  overrides_json      text    not null,
  enabled             integer not null,
  missed_policy       text    not null,
  overlap_policy      text    not null,
  retries             integer not null,
  created_at          bigint  not null,
  last_successful_run bigint,
  run_now_requested   integer not null default 0
);

create table runs (
  run_id            text    not null primary key,
  schedule_id       text,
  workflow_path     text    not null,
  trigger_kind      text    not null,
  note              text    not null,
  started_at        bigint  not null,
  finished_at       bigint,
  status            text    not null,
  items_ok          integer not null default 0,
  items_failed      integer not null default 0,
  node_errors_json  text    not null default '{}',
  output_files_json text    not null default '[]',
  retries           integer not null default 0,
  owner             text    not null,
  heartbeat_at      bigint  not null,
  due_at            bigint
);
-- One history entry per due time of a schedule: a second execution of the same due run cannot even start.
create unique index runs_schedule_due_idx on runs (schedule_id, due_at);
create index runs_schedule_started_idx on runs (schedule_id, started_at);
create index runs_status_idx on runs (status);
