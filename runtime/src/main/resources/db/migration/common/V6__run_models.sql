-- The audit trail names the stored models a run computed with (issue 11): per node, the model's name, engine and
-- the SHA-256 over its files' SHA-256s, so a report can be traced to the exact weights.
create table run_models (
  run_id  text not null,
  node    text not null,
  name    text not null,
  engine  text not null,
  sha256  text not null,
  position integer not null,
  primary key (run_id, node)
);
