-- Limits a user's or organisation's server sets itself (null: the template's apply, else the defaults).
alter table smtp_profile add column limit_connections integer;
alter table smtp_profile add column limit_messages_per_minute integer;
alter table smtp_profile add column limit_recipients_per_message integer;
alter table smtp_profile add column limit_recipients_per_day integer;
alter table organization_smtp_server add column limit_connections integer;
alter table organization_smtp_server add column limit_messages_per_minute integer;
alter table organization_smtp_server add column limit_recipients_per_message integer;
alter table organization_smtp_server add column limit_recipients_per_day integer;

-- What each account has sent, for its rolling windows (messages a minute, recipients a day): one row a delivery,
-- reserved before it is sent. Rows older than a day are removed.
create table send_usage (
    account    text        not null,
    at         timestamptz not null,
    recipients integer     not null
);
create index send_usage_account_at on send_usage (account, at);
