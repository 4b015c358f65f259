-- Copy in the Sent folder: the profile's choice and its IMAP server (null: none known; the template fills it in).
alter table smtp_profile add column sent_copy text not null default 'AUTO';
alter table smtp_profile add column imap_host text;
alter table smtp_profile add column imap_port integer;
alter table smtp_profile add column imap_security text;

-- One copy job per message sent through the user's own server, written in the transaction that makes it SENT.
-- PENDING until a replica appends it (claimed_until is that replica's lease), then SAVED, FAILED or SKIPPED.
create table sent_copy (
    message_id      uuid        primary key references outbox_message (id) on delete cascade,
    status          text        not null default 'PENDING',
    tries           integer     not null default 0,
    next_attempt_at timestamptz not null default now(),
    claimed_until   timestamptz,
    folder          text,
    reply           text,
    at              timestamptz
);
create index sent_copy_due on sent_copy (next_attempt_at) where status = 'PENDING';
