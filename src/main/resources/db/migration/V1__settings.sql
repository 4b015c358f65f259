-- Users seen per organisation: a user id that belongs to another organisation answers 404.
create table known_user (
    user_id    text        not null,
    org_id     text        not null,
    first_seen timestamptz not null default now(),
    primary key (user_id, org_id)
);

create table smtp_profile (
    id                        bigint generated always as identity primary key,
    org_id                    text        not null,
    user_id                   text        not null,
    use_shared_server         boolean     not null,
    template_id               text,
    host                      text,
    port                      integer,
    security                  text,
    authentication            boolean     not null,
    username                  text,
    password_ciphertext       text,
    credentials_valid         boolean     not null default true,
    credentials_failed_at     timestamptz,
    credentials_failure_reply text,
    updated_at                timestamptz not null,
    unique (org_id, user_id)
);

create table organization_smtp_server (
    org_id                    text primary key,
    host                      text,
    port                      integer,
    security                  text,
    authentication            boolean     not null,
    username                  text,
    password_ciphertext       text,
    credentials_valid         boolean     not null default true,
    credentials_failed_at     timestamptz,
    credentials_failure_reply text,
    updated_at                timestamptz not null
);

create table sender_addresses (
    org_id     text primary key,
    addresses  text[]      not null,
    updated_at timestamptz not null
);

create table signature (
    id         bigint generated always as identity primary key,
    org_id     text        not null,
    user_id    text        not null,
    new_text   text,
    new_html   text,
    reply_text text,
    reply_html text,
    updated_at timestamptz not null,
    unique (org_id, user_id)
);

create table mail_preferences (
    id          bigint generated always as identity primary key,
    org_id      text        not null,
    user_id     text        not null,
    default_bcc text,
    updated_at  timestamptz not null,
    unique (org_id, user_id)
);
