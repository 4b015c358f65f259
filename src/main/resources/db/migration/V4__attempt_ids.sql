-- Attempt ids come from a sequence handed out 50 at a time, so that the recorder inserts a batch of
-- outcomes in a few statements instead of one round trip per attempt.
alter table delivery_attempt alter column id drop identity;
create sequence delivery_attempt_id_seq increment by 50 owned by delivery_attempt.id;
select setval('delivery_attempt_id_seq', coalesce((select max(id) from delivery_attempt), 0) + 1);
