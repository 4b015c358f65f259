package no.xsoffice.mail.preferences;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import no.xsoffice.mail.address.MailAddress;
import no.xsoffice.mail.http.ETags;
import no.xsoffice.mail.problem.ProblemException;
import no.xsoffice.mail.security.UserRef;

/** Reads and writes users' mail preferences. */
@ApplicationScoped
public class MailPreferencesService {

    private final ETags etags;

    public MailPreferencesService(ETags etags) {
        this.etags = etags;
    }

    /** A read: one query, outside any transaction. */
    public MailPreferencesBody get(UserRef user) {
        return MailPreferences.findFor(user).map(MailPreferencesBody::of).orElse(MailPreferencesBody.NONE);
    }

    /** The user's default BCC address, for composing a message. */
    @Transactional
    public Optional<String> defaultBcc(UserRef user) {
        return MailPreferences.findFor(user).map(p -> p.defaultBcc);
    }

    @Transactional
    public MailPreferencesBody put(UserRef user, MailPreferencesBody request, String ifMatch) {
        MailPreferences preferences = MailPreferences.lockFor(user).orElse(null);
        etags.requireMatch(ifMatch, preferences == null ? MailPreferencesBody.NONE : MailPreferencesBody.of(preferences));

        String bcc = null;
        if (request.defaultBcc() != null && !request.defaultBcc().isBlank()) {
            bcc = MailAddress.plain(request.defaultBcc().trim()).orElseThrow(
                    () -> ProblemException.invalid("defaultBcc", "must be a valid e-mail address, or null for none"));
        }
        if (preferences == null) {
            preferences = new MailPreferences();
            preferences.orgId = user.orgId();
            preferences.userId = user.userId();
        }
        preferences.defaultBcc = bcc;
        preferences.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        preferences.persist();
        return MailPreferencesBody.of(preferences);
    }
}
