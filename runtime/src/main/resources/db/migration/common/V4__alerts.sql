-- Alert rules (issue 11): per schedule, or for every schedule when schedule_id is null; and what each delivery did.
create table alert_rules (
  id                  text    not null primary key,
  schedule_id         text,
  on_failure          integer not null,
  on_recovery         integer not null,
  failed_items_above  integer,
  channel             text    not null,
  target              text    not null,
  template            text    not null,
  smtp_json           text    not null default '{}',
  created_at          bigint  not null
);

create table alert_deliveries (
  id        text    not null primary key,
  rule_id   text    not null,
  run_id    text,
  event     text    not null,
  status    text    not null,
  attempts  integer not null,
  detail    text    not null,
  at        bigint  not null
);
create index alert_deliveries_run_idx on alert_deliveries (run_id);
