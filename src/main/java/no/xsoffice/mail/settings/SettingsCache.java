package no.xsoffice.mail.settings;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import no.xsoffice.mail.http.ETags.Tagged;
import no.xsoffice.mail.security.UserRef;

/**
 * Users' settings as last read from PostgreSQL, written to JSON and tagged, so that the next read is
 * answered from memory. An entry lives until that user's settings change: PostgreSQL announces every
 * change ({@link SettingsListener}), and this replica's own writes forget at commit ({@link SettingsChanged}).
 * While the announcements cannot be heard, nothing is held and every read goes to the database.
 * <p>
 * A read that raced with a change is not kept: every forgetting moves the generation on, and a
 * loaded answer is only kept when the generation did not move while it was loaded.
 */
@ApplicationScoped
public class SettingsCache {

    /** What a user's settings are read as: one entry per user and kind. */
    public enum Kind {
        SMTP_PROFILE, SIGNATURES, PREFERENCES
    }

    private record Key(UserRef user, Kind kind) {
    }

    static final int LIMIT = 100_000;

    private final Map<Key, Tagged> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private volatile boolean listening;

    /** The held answer, or null. */
    public Tagged held(UserRef user, Kind kind) {
        return entries.get(new Key(user, kind));
    }

    /** The held answer, else a fresh one from {@code load}, kept when no change can have passed it by. */
    public Tagged read(UserRef user, Kind kind, Supplier<Tagged> load) {
        Key key = new Key(user, kind);
        Tagged held = entries.get(key);
        if (held != null) {
            return held;
        }
        long before = generation.get();
        Tagged fresh = load.get();
        if (listening && generation.get() == before) {
            if (entries.size() >= LIMIT) {
                entries.clear();
            }
            entries.put(key, fresh);
            if (generation.get() != before) {
                entries.remove(key, fresh);
            }
        }
        return fresh;
    }

    /** The user's settings changed: forget every kind held for them. */
    public void forget(UserRef user) {
        generation.incrementAndGet();
        for (Kind kind : Kind.values()) {
            entries.remove(new Key(user, kind));
        }
    }

    /** Forgets everything held. */
    void forgetAll() {
        generation.incrementAndGet();
        entries.clear();
    }

    /** Changes can no longer be heard: hold nothing until they can. */
    void suspend() {
        listening = false;
        forgetAll();
    }

    /** Changes are heard again; what was read before may have missed some, so start empty. */
    void resume() {
        forgetAll();
        listening = true;
    }

    boolean listening() {
        return listening;
    }

    int size() {
        return entries.size();
    }
}
