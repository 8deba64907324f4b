-- The audit trail of a run (issue 11): who or what started it, the exact workflow (file hash and format
-- version), the overrides with secrets redacted, the device, and every output file with its SHA-256.
-- Keyed by the history run id; engine_run_id is the id the executor gave the run (on report rows, in folders).
create table run_audit (
  run_id          text    not null primary key,
  engine_run_id   text    not null,
  workflow_name   text    not null,
  workflow_path   text    not null,
  workflow_sha256 text    not null,
  format_version  integer not null,
  trigger_kind    text    not null,
  trigger_detail  text    not null,
  overrides_json  text    not null default '{}',
  device          text    not null,
  recorded_at     bigint  not null
);
create index run_audit_engine_idx on run_audit (engine_run_id);

create table run_outputs (
  run_id     text   not null,
  path       text   not null,
  sha256     text   not null,
  size_bytes bigint not null,
  primary key (run_id, path)
);
