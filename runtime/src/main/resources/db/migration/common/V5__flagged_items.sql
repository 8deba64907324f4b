-- Flagged items (issue 11): rows that nodes flagging items (a moderation verdict) marked for review, per run,
-- and the alert condition on them.
alter table runs add column items_flagged integer not null default 0;
alter table alert_rules add column flagged_items_above integer;
