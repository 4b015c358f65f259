-- Retention looks for final messages that still have their body, oldest first. Without this index it would
-- walk past every message whose body is already gone (months of them) on each run.
create index outbox_message_body_kept on outbox_message (finished_at)
    where finished_at is not null and body_removed_at is null;
