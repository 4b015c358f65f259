package no.xsoffice.mail.smtp;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import no.xsoffice.mail.http.ETags;
import no.xsoffice.mail.problem.Violations;
import no.xsoffice.mail.security.UserRef;

/** Reads and writes users' SMTP profiles. */
@ApplicationScoped
public class SmtpProfileService {

    private static final Pattern TEMPLATE_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    private final SmtpSettingsEditor editor;
    private final ETags etags;
    private final Event<CredentialsSaved> saved;

    public SmtpProfileService(SmtpSettingsEditor editor, ETags etags, Event<CredentialsSaved> saved) {
        this.editor = editor;
        this.etags = etags;
        this.saved = saved;
    }

    @Transactional
    public SmtpProfileView get(UserRef user) {
        return SmtpProfile.findFor(user).map(SmtpProfileView::of).orElse(SmtpProfileView.NONE);
    }

    @Transactional
    public SmtpProfileView put(UserRef user, SmtpProfileRequest request, String ifMatch) {
        SmtpProfile profile = SmtpProfile.lockFor(user).orElseGet(() -> newProfile(user));
        etags.requireMatch(ifMatch, profile.id == null ? SmtpProfileView.NONE : SmtpProfileView.of(profile));

        boolean shared = Boolean.TRUE.equals(request.useSharedServer());
        Violations violations = new Violations();
        String templateId = request.templateId() == null || request.templateId().isBlank() ? null : request.templateId();
        if (templateId != null) {
            violations.check(TEMPLATE_ID.matcher(templateId).matches(), "templateId",
                    "must be a template id such as gmail or microsoft365");
        }
        editor.apply(profile.server, request.server(), !shared, profile.secretBinding(), violations);
        violations.throwIfAny();

        profile.useSharedServer = shared;
        profile.templateId = templateId;
        profile.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        profile.persist();
        saved.fire(new CredentialsSaved(user.orgId(), user.userId()));
        return SmtpProfileView.of(profile);
    }

    /** Forgets the personal settings and their credentials: the user is back on the shared server. */
    @Transactional
    public void delete(UserRef user, String ifMatch) {
        SmtpProfile.lockFor(user).ifPresent(profile -> {
            etags.requireMatch(ifMatch, SmtpProfileView.of(profile));
            profile.delete();
        });
    }

    private static SmtpProfile newProfile(UserRef user) {
        SmtpProfile profile = new SmtpProfile();
        profile.orgId = user.orgId();
        profile.userId = user.userId();
        return profile;
    }
}
