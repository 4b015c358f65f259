package no.xsoffice.mail.organization;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;

import no.xsoffice.mail.address.MailAddress;
import no.xsoffice.mail.http.ETags;
import no.xsoffice.mail.problem.Violations;
import no.xsoffice.mail.smtpclient.AuthMethod;
import no.xsoffice.mail.smtp.CredentialsSaved;
import no.xsoffice.mail.smtp.OAuthProvider;
import no.xsoffice.mail.smtp.ServerFields;
import no.xsoffice.mail.smtp.SmtpSettingsEditor;
import no.xsoffice.mail.smtp.SmtpSettingsRules;

/** The organisation's shared SMTP server and sender addresses. */
@ApplicationScoped
public class OrganizationService {

    static final int MAX_SENDER_ADDRESSES = 100;

    private final SmtpSettingsRules rules;
    private final SmtpSettingsEditor editor;
    private final ETags etags;
    private final Event<CredentialsSaved> saved;
    private final Validator validator;

    public OrganizationService(SmtpSettingsRules rules, SmtpSettingsEditor editor, ETags etags,
            Event<CredentialsSaved> saved, Validator validator) {
        this.rules = rules;
        this.validator = validator;
        this.editor = editor;
        this.etags = etags;
        this.saved = saved;
    }

    @Transactional
    public Optional<SmtpServerView> server(String orgId) {
        return OrganizationSmtpServer.findFor(orgId).map(SmtpServerView::of);
    }

    /**
     * A write of the shared server: the request's own constraints, then the rules between its fields and the stored
     * state, every invalid field named in one 400.
     */
    @Transactional
    public SmtpServerView putServer(String orgId, SmtpServerRequest request, String ifMatch) {
        Violations violations = Violations.of(validator, request);
        OrganizationSmtpServer server = OrganizationSmtpServer.lockFor(orgId).orElse(null);
        if (server != null) {
            etags.requireMatch(ifMatch, SmtpServerView.of(server));
        } else {
            server = new OrganizationSmtpServer();
            server.orgId = orgId;
        }
        ServerFields given = ServerFields.of(request);
        if (given.authMethod() == AuthMethod.XOAUTH2) {
            violations.check(given.oauthProvider() != OAuthProvider.GOOGLE, "oauthProvider", "must be microsoft for an"
                    + " organisation: its server signs in app-only (client credentials), which only Microsoft 365 offers");
        }
        ServerFields checked = rules.check(server.server, given, true, violations);
        violations.throwIfAny();
        editor.apply(server.server, checked, server.secretBinding());
        server.server.limits(request.limits());
        server.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        server.persist();
        saved.fire(new CredentialsSaved(orgId, null));
        return SmtpServerView.of(server);
    }

    @Transactional
    public void deleteServer(String orgId, String ifMatch) {
        OrganizationSmtpServer.lockFor(orgId).ifPresent(server -> {
            etags.requireMatch(ifMatch, SmtpServerView.of(server));
            server.delete();
        });
    }

    @Transactional
    public SenderAddressesBody senderAddresses(String orgId) {
        return SenderAddresses.findFor(orgId).map(SenderAddressesBody::of).orElse(SenderAddressesBody.NONE);
    }

    @Transactional
    public SenderAddressesBody putSenderAddresses(String orgId, SenderAddressesBody request, String ifMatch) {
        SenderAddresses stored = SenderAddresses.lockFor(orgId).orElse(null);
        etags.requireMatch(ifMatch, stored == null ? SenderAddressesBody.NONE : SenderAddressesBody.of(stored));

        Violations violations = new Violations();
        List<String> given = request.addresses();
        Set<String> addresses = new LinkedHashSet<>();
        for (int i = 0; i < given.size(); i++) {
            Optional<String> address = MailAddress.plain(given.get(i).trim());
            if (violations.check(address.isPresent(), "addresses[" + i + "]", "must be a valid e-mail address")) {
                addresses.add(address.get().toLowerCase(Locale.ROOT));
            }
        }
        violations.throwIfAny();
        if (stored == null) {
            stored = new SenderAddresses();
            stored.orgId = orgId;
        }
        stored.addresses = new ArrayList<>(addresses);
        stored.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        stored.persist();
        return SenderAddressesBody.of(stored);
    }
}
