-- Delivery events: an organisation's webhook endpoints, and the event outbox (one row per event and endpoint),
-- written in the transaction of the status change it reports and delivered by any replica (skip locked).
create table webhook_endpoint (
    id                  uuid primary key,
    org_id              varchar(200) not null,
    url                 text         not null,
    events              text[]       not null,
    -- the whsec_ secret, sealed by SecretCipher and bound to this row; returned once, at creation
    secret_ciphertext   text         not null,
    created_at          timestamptz  not null,
    updated_at          timestamptz  not null,
    last_success_at     timestamptz,
    last_failure_at     timestamptz,
    last_failure_status integer,
    last_failure_error  text
);
create index webhook_endpoint_org on webhook_endpoint (org_id);

create table webhook_event (
    id              uuid primary key,
    endpoint_id     uuid        not null references webhook_endpoint (id) on delete cascade,
    type            varchar(32) not null,
    -- the exact body sent (and signed) on every attempt
    payload         text        not null,
    -- PENDING until the receiver answers 2xx (DELIVERED) or the retry period ends (FAILED)
    status          varchar(16) not null default 'PENDING',
    attempts        integer     not null default 0,
    -- when it is due; a claim moves it a lease ahead, so a replica that dies mid-send frees it
    next_attempt_at timestamptz not null,
    created_at      timestamptz not null,
    delivered_at    timestamptz,
    last_error      text
);
create index webhook_event_due on webhook_event (next_attempt_at) where status = 'PENDING';
create index webhook_event_endpoint on webhook_event (endpoint_id);
