-- Suppression: addresses an organisation's relay and shared-server mail no longer goes to. The message is kept as a
-- plain value (no foreign key): the list outlives the messages that put an address on it (retention).
create table suppression (
    org_id      varchar(200) not null,
    -- lower-cased whole (local part and domain), as receivers treat addresses in practice
    address     varchar(254) not null,
    reason      varchar(16)  not null,
    created_at  timestamptz  not null,
    -- null: until lifted
    expires_at  timestamptz,
    -- the Message-ID header of the message that put it there (none for MANUAL and UNSUBSCRIBE)
    message_id  text,
    reply       text,
    created_by  varchar(200),
    primary key (org_id, address)
);
create index suppression_org_created on suppression (org_id, created_at desc);

-- Soft bounces (4.x.x, 5.2.2) counted towards a suppression; older than the window they count no more.
create table suppression_soft_bounce (
    org_id     varchar(200) not null,
    address    varchar(254) not null,
    at         timestamptz  not null,
    message_id text
);
create index suppression_soft_bounce_address on suppression_soft_bounce (org_id, address, at);

-- Complaints (feedback reports) about relay and organisation-server mail by time, for the sending health.
create table complaint (
    org_id     varchar(200) not null,
    address    varchar(254) not null,
    message_id uuid         not null,
    at         timestamptz  not null,
    primary key (message_id, address)
);
create index complaint_org_at on complaint (org_id, at);

-- Bounces by time, for the sending health (a message's recipients keep no time index of their own).
create table bounce_event (
    org_id     varchar(200) not null,
    address    varchar(254) not null,
    message_id uuid         not null,
    at         timestamptz  not null,
    hard       boolean      not null,
    primary key (message_id, address)
);
create index bounce_event_org_at on bounce_event (org_id, at);
