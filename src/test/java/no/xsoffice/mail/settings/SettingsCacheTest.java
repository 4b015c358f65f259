package no.xsoffice.mail.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import no.xsoffice.mail.http.ETags.Tagged;
import no.xsoffice.mail.security.UserRef;
import no.xsoffice.mail.settings.SettingsCache.Kind;

class SettingsCacheTest {

    private final SettingsCache cache = new SettingsCache();
    private final UserRef kari = new UserRef("org-1", "kari");
    private final UserRef ola = new UserRef("org-1", "ola");

    private static Tagged answer(String json) {
        return new Tagged(json.getBytes(StandardCharsets.UTF_8), "\"" + json.hashCode() + "\"");
    }

    @Test
    void shouldHoldWhatItLoadedWhileChangesAreHeard() {
        cache.resume();
        Tagged loaded = cache.read(kari, Kind.SMTP_PROFILE, () -> answer("{\"host\":\"a\"}"));
        assertEquals(loaded, cache.held(kari, Kind.SMTP_PROFILE));
        assertEquals(loaded, cache.read(kari, Kind.SMTP_PROFILE, () -> answer("{\"host\":\"not loaded again\"}")));
    }

    @Test
    void shouldHoldNothingWhileChangesCannotBeHeard() {
        Tagged loaded = cache.read(kari, Kind.SMTP_PROFILE, () -> answer("{}"));
        assertNotNull(loaded);
        assertNull(cache.held(kari, Kind.SMTP_PROFILE));

        cache.resume();
        cache.read(kari, Kind.SMTP_PROFILE, () -> answer("{}"));
        cache.suspend();
        assertNull(cache.held(kari, Kind.SMTP_PROFILE));
    }

    @Test
    void shouldNotHoldAnAnswerLoadedWhileTheUserChanged() {
        cache.resume();
        Tagged stale = cache.read(kari, Kind.SIGNATURES, () -> {
            Tagged readBeforeTheChange = answer("{\"newText\":\"old\"}");
            cache.forget(kari);
            return readBeforeTheChange;
        });
        assertNotNull(stale);
        assertNull(cache.held(kari, Kind.SIGNATURES));
    }

    @Test
    void shouldNotHoldAnAnswerLoadedWhileTheChannelWasDown() {
        cache.resume();
        cache.read(kari, Kind.PREFERENCES, () -> {
            cache.suspend();
            cache.resume();
            return answer("{\"defaultBcc\":null}");
        });
        assertNull(cache.held(kari, Kind.PREFERENCES));
    }

    @Test
    void shouldForgetEveryKindOfAChangedUserAndNoOneElse() {
        cache.resume();
        for (Kind kind : Kind.values()) {
            cache.read(kari, kind, () -> answer(kind.name()));
            cache.read(ola, kind, () -> answer(kind.name()));
        }
        cache.forget(kari);
        for (Kind kind : Kind.values()) {
            assertNull(cache.held(kari, kind));
            assertNotNull(cache.held(ola, kind));
        }
    }

    @Test
    void shouldStartAgainEmptyWhenFull() {
        cache.resume();
        for (int i = 0; i < SettingsCache.LIMIT; i++) {
            cache.read(new UserRef("org-1", "user-" + i), Kind.PREFERENCES, () -> answer("{}"));
        }
        assertEquals(SettingsCache.LIMIT, cache.size());
        cache.read(kari, Kind.PREFERENCES, () -> answer("{}"));
        assertEquals(1, cache.size());
    }
}
