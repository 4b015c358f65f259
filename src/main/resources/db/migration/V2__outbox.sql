-- The outbox: every accepted message, composed, until it is delivered or fails for good.
create table outbox_message (
    id                uuid primary key,
    org_id            text        not null,
    user_id           text        not null,
    idempotency_key   text,
    request_hash      text        not null,
    message_id        text        not null,
    from_address      text        not null,
    recipients        text[]      not null,
    subject           text,
    mail              text        not null,
    size_bytes        bigint      not null,
    status            text        not null,
    held              boolean     not null default false,
    attempts          integer     not null default 0,
    next_attempt_at   timestamptz not null,
    lease_until       timestamptz,
    claimed_by        text,
    last_error        text,
    transport         text,
    created_at        timestamptz not null,
    updated_at        timestamptz not null,
    unique (org_id, user_id, idempotency_key)
);

-- What the dispatchers look for: due messages that are not held, oldest first.
create index outbox_message_due on outbox_message (next_attempt_at)
    where status in ('QUEUED', 'RETRYING', 'SENDING') and not held;
create index outbox_message_sent_items on outbox_message (org_id, user_id, created_at desc);

create table delivery_attempt (
    id                 bigint generated always as identity primary key,
    message_id         uuid        not null references outbox_message (id) on delete cascade,
    attempted_at       timestamptz not null,
    transport          text        not null,
    outcome            text        not null,
    reply_code         integer,
    reply_text         text,
    rejected_recipients text[]
);
create index delivery_attempt_message on delivery_attempt (message_id);

-- The address and name a user last presented, so that mail sent for them by a service has a From.
alter table known_user add column email text;
alter table known_user add column name text;
