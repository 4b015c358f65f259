-- An attempt whose message went out whole but whose reply never came: a copy may already have arrived.
alter table delivery_attempt add column outcome_unknown boolean not null default false;
