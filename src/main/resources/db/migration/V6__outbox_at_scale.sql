-- Bodies apart from the bookkeeping: claims, outcome records and sent-items pages never read them, and a
-- status change never rewrites them. The body is the composed MIME message, the bytes that are sent.
create table outbox_body (
    message_id uuid primary key references outbox_message (id) on delete cascade,
    mime       bytea not null
);
-- MIME is mostly base64 and quoted-printable already: stored as it is, without compressing it for little gain.
alter table outbox_body alter column mime set storage external;

-- Messages accepted before this version keep their body as Vert.x JSON until it is converted at start-up.
alter table outbox_message alter column mail drop not null;

-- When the message became final (SENT, FAILED, CANCELLED), and when retention removed its body.
alter table outbox_message add column finished_at timestamptz;
alter table outbox_message add column body_removed_at timestamptz;
update outbox_message set finished_at = updated_at where status in ('SENT', 'FAILED');
create index outbox_message_finished on outbox_message (finished_at) where finished_at is not null;
-- Retention looks for final messages that still have their body, oldest first, without walking past the many
-- whose body is already gone.
create index outbox_message_body_kept on outbox_message (finished_at)
    where finished_at is not null and body_removed_at is null;

-- Scheduled messages (sendAt) wait for their time as due messages do; their maximum age counts from then.
alter table outbox_message add column send_at timestamptz;
drop index outbox_message_due;
create index outbox_message_due on outbox_message (next_attempt_at)
    where status in ('SCHEDULED', 'QUEUED', 'RETRYING', 'SENDING') and not held;

-- Replicas that deliver, with their last heartbeat: the claims of one that stopped beating return to the queue.
create table outbox_replica (
    name       text primary key,
    started_at timestamptz not null,
    beat_at    timestamptz not null
);
