-- Every committed change to a user's settings is announced on the channel xs_mail_settings, with the
-- user as a JSON array [org_id, user_id]. Each replica listens and forgets what it holds for that user,
-- whichever replica (or script) made the change.
create function announce_settings_change() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        perform pg_notify('xs_mail_settings', json_build_array(old.org_id, old.user_id)::text);
    else
        perform pg_notify('xs_mail_settings', json_build_array(new.org_id, new.user_id)::text);
    end if;
    return null;
end
$$;

create trigger smtp_profile_changed after insert or update or delete on smtp_profile
    for each row execute function announce_settings_change();
create trigger signature_changed after insert or update or delete on signature
    for each row execute function announce_settings_change();
create trigger mail_preferences_changed after insert or update or delete on mail_preferences
    for each row execute function announce_settings_change();
