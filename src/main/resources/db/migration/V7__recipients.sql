-- Each envelope recipient's own outcome: PENDING until the server answers it, then ACCEPTED, RETRYING (a
-- temporary refusal: tried again alone) or REFUSED, with the server's reply and its time. Null until the first
-- answer: every recipient is then PENDING.
alter table outbox_message add column recipient_states jsonb;
-- Why a message waits for its next attempt: RETRY, QUOTA, RATE or CONNECTIONS.
alter table outbox_message add column deferred_reason text;
