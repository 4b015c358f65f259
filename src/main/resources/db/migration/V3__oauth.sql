-- OAuth sign-in (SASL XOAUTH2) for personal profiles and organisation servers.
alter table smtp_profile add column auth_method text not null default 'PASSWORD';
alter table smtp_profile add column oauth_provider text;
alter table smtp_profile add column oauth_tenant text;
alter table smtp_profile add column oauth_account text;
alter table smtp_profile add column oauth_scopes text;
alter table smtp_profile add column oauth_refresh_ciphertext text;
alter table smtp_profile add column oauth_connected_at timestamptz;

alter table organization_smtp_server add column auth_method text not null default 'PASSWORD';
alter table organization_smtp_server add column oauth_provider text;
alter table organization_smtp_server add column oauth_tenant text;
alter table organization_smtp_server add column oauth_account text;
alter table organization_smtp_server add column oauth_scopes text;
alter table organization_smtp_server add column oauth_refresh_ciphertext text;
alter table organization_smtp_server add column oauth_connected_at timestamptz;

-- Consents under way: the state sent to the provider is this row's random id, used once.
create table oauth_pending (
    state_id                 text primary key,
    org_id                   text        not null,
    user_id                  text        not null,
    provider                 text        not null,
    code_verifier_ciphertext text        not null,
    expires_at               timestamptz not null
);
create index oauth_pending_expires on oauth_pending (expires_at);
