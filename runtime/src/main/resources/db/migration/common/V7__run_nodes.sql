-- How each node of a run ended (issue 9: reopening a past run's results in the app): its state, time, items, the
-- message a user sees, and the items that failed (which one, why). Written with the run's audit; keyed like it.
create table run_nodes (
  run_id           text    not null,
  position         integer not null,
  node_id          text    not null,
  state            text    not null,
  duration_ms      bigint  not null,
  items            integer not null,
  message          text    not null,
  item_errors_json text    not null default '[]',
  primary key (run_id, node_id)
);
