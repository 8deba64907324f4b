-- db-scheduler's table (columns as in its documented schema), SQLite flavour.
create table scheduled_tasks (
  task_name            text    not null,
  task_instance        text    not null,
  task_data            blob,
  execution_time       timestamp not null,
  picked               boolean not null,
  picked_by            text,
  last_success         timestamp,
  last_failure         timestamp,
  consecutive_failures integer,
  last_heartbeat       timestamp,
  version              bigint  not null,
  priority             smallint,
  primary key (task_name, task_instance)
);
create index execution_time_idx on scheduled_tasks (execution_time);
create index last_heartbeat_idx on scheduled_tasks (last_heartbeat);
create index priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);
