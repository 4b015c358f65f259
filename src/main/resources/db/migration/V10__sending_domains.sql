-- Sending domains: an organisation's domains authorised for XS Office's relay (DKIM key, return path)
create table sending_domain (
    id                      uuid primary key,
    org_id                  varchar(200) not null,
    domain                  varchar(253) not null unique,
    selector                varchar(63)  not null,
    dkim_public_key         text         not null,
    dkim_private_ciphertext text         not null,
    status                  varchar(16)  not null,
    dkim_passing            boolean      not null default false,
    return_path_passing     boolean      not null default false,
    dmarc_policy            varchar(16),
    records                 text,
    last_error              text,
    checked_at              timestamptz,
    next_check_at           timestamptz  not null,
    created_at              timestamptz  not null
);
create index sending_domain_org on sending_domain (org_id);
create index sending_domain_due on sending_domain (next_check_at);

-- What delivery through the relay did to the From header (null: nothing)
alter table outbox_message add column from_rewritten text;
alter table outbox_message add column from_rewritten_as text;
