package no.xsoffice.mail.smtp;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;

import no.xsoffice.mail.http.ETags;
import no.xsoffice.mail.problem.Violations;
import no.xsoffice.mail.security.UserRef;
import no.xsoffice.mail.template.ProviderTemplate;
import no.xsoffice.mail.template.TemplateCatalogue;

/** Reads and writes users' SMTP profiles. */
@ApplicationScoped
public class SmtpProfileService {

    private final SmtpSettingsRules rules;
    private final SmtpSettingsEditor editor;
    private final ETags etags;
    private final Event<CredentialsSaved> saved;
    private final TemplateCatalogue templates;
    private final Validator validator;

    public SmtpProfileService(SmtpSettingsRules rules, SmtpSettingsEditor editor, ETags etags,
            Event<CredentialsSaved> saved, TemplateCatalogue templates, Validator validator) {
        this.rules = rules;
        this.validator = validator;
        this.editor = editor;
        this.etags = etags;
        this.saved = saved;
        this.templates = templates;
    }

    /** A read: one query, outside any transaction. */
    public SmtpProfileView get(UserRef user) {
        return SmtpProfile.findFor(user).map(this::view).orElse(SmtpProfileView.NONE);
    }

    /**
     * A write: the request's own constraints, then the rules between its fields and the stored state, every
     * invalid field named in one 400.
     */
    @Transactional
    public SmtpProfileView put(UserRef user, SmtpProfileRequest request, String ifMatch) {
        Violations violations = Violations.of(validator, request);
        SmtpProfile profile = SmtpProfile.lockFor(user).orElseGet(() -> newProfile(user));
        etags.requireMatch(ifMatch, profile.id == null ? SmtpProfileView.NONE : view(profile));

        if (violations.isEmpty() && request.onlyUseSharedServer()) {
            // the switch alone: the personal server and its password stay as stored, for when it is turned off again
            profile.useSharedServer = true;
            return save(user, profile);
        }
        boolean shared = Boolean.TRUE.equals(request.useSharedServer());
        String templateId = request.templateId() == null || request.templateId().isBlank() ? null : request.templateId();
        ServerFields server = ServerFields.of(request);
        if (templateId != null) {
            Optional<ProviderTemplate> template = templates.find(templateId);
            if (violations.check(template.isPresent(), "templateId",
                    "is not a provider template (see GET /api/v1/provider-templates)")) {
                server = withTemplate(server, template.get());
            }
        }
        ImapServer imap = violations.hasWithin("imap") ? null : rules.imap(request.imap(), violations);
        if (request.imap() == null && templateId != null) {
            imap = templates.find(templateId).map(ProviderTemplate::imap)
                    .map(t -> new ImapServer(t.host(), t.port(), t.security())).orElse(null);
        }
        ServerFields checked = rules.check(profile.server, server, !shared, violations);
        violations.throwIfAny();

        editor.apply(profile.server, checked, profile.secretBinding());
        profile.server.limits(request.limits());
        profile.sentCopy = request.sentCopy() == null ? SentCopyMode.AUTO : request.sentCopy();
        profile.imap(imap);
        profile.useSharedServer = shared;
        profile.templateId = templateId;
        return save(user, profile);
    }

    private SmtpProfileView save(UserRef user, SmtpProfile profile) {
        profile.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        profile.persist();
        saved.fire(new CredentialsSaved(user.orgId(), user.userId()));
        return view(profile);
    }

    /** Forgets the personal settings and their credentials: the user is back on the shared server. */
    @Transactional
    public void delete(UserRef user, String ifMatch) {
        SmtpProfile.lockFor(user).ifPresent(profile -> {
            etags.requireMatch(ifMatch, view(profile));
            profile.delete();
        });
    }

    /** The profile as clients see it, with the warning of its provider template (in English, as the other warnings are). */
    private SmtpProfileView view(SmtpProfile profile) {
        ProviderTemplate.Text warning = profile.templateId == null ? null : templates.find(profile.templateId)
                .map(ProviderTemplate::warning).orElse(null);
        return SmtpProfileView.of(profile, warning);
    }

    /** The template fills in the host, port and security the request leaves out (a port given alone decides the security). */
    private static ServerFields withTemplate(ServerFields given, ProviderTemplate template) {
        boolean sameHost = given.host() == null || given.host().isBlank();
        return new ServerFields(sameHost ? template.host() : given.host(),
                given.port() != null ? given.port() : sameHost ? Integer.valueOf(template.port()) : null,
                given.security() != null || given.port() != null ? given.security() : sameHost ? template.security() : null,
                given.authentication(), given.username(), given.password(), given.authMethod(), given.oauthProvider(),
                given.oauthTenant());
    }

    private static SmtpProfile newProfile(UserRef user) {
        SmtpProfile profile = new SmtpProfile();
        profile.orgId = user.orgId();
        profile.userId = user.userId();
        return profile;
    }
}
