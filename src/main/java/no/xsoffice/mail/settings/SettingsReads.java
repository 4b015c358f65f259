package no.xsoffice.mail.settings;

import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import no.xsoffice.mail.http.ETags;
import no.xsoffice.mail.http.ETags.Tagged;
import no.xsoffice.mail.security.Caller;
import no.xsoffice.mail.security.UserRef;
import no.xsoffice.mail.settings.SettingsCache.Kind;

/**
 * Answers a read of a user's settings. A caller reading their own settings, already known here, whose
 * answer is held, is answered on the I/O thread without touching the database; everything else (the
 * first read, another user's settings, a changed token) is checked and loaded on a worker thread.
 */
@ApplicationScoped
public class SettingsReads {

    private final Caller caller;
    private final SettingsCache cache;
    private final ETags etags;

    public SettingsReads(Caller caller, SettingsCache cache, ETags etags) {
        this.caller = caller;
        this.cache = cache;
        this.etags = etags;
    }

    /** 200 with the view {@code load} gives for the user the path names, and its ETag. */
    public Uni<Response> read(String pathUserId, Kind kind, Function<UserRef, Object> load) {
        Tagged held = caller.knownSelf(pathUserId).map(self -> cache.held(self, kind)).orElse(null);
        if (held != null) {
            return Uni.createFrom().item(etags.ok(held));
        }
        return Uni.createFrom().item(() -> {
            UserRef user = caller.user(pathUserId);
            return etags.ok(cache.read(user, kind, () -> etags.tagged(load.apply(user))));
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
