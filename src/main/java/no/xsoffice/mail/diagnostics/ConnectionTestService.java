package no.xsoffice.mail.diagnostics;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import no.xsoffice.mail.address.MailAddress;
import no.xsoffice.mail.oauth.OAuthException;
import no.xsoffice.mail.oauth.OAuthTokens;
import no.xsoffice.mail.organization.OrganizationSmtpServer;
import no.xsoffice.mail.problem.ProblemException;
import no.xsoffice.mail.problem.Violations;
import no.xsoffice.mail.security.UserRef;
import no.xsoffice.mail.smtpclient.AddressGuard;
import no.xsoffice.mail.smtpclient.AuthMethod;
import no.xsoffice.mail.smtp.Hosts;
import no.xsoffice.mail.smtp.ImapServer;
import no.xsoffice.mail.smtp.SentCopyPolicy;
import no.xsoffice.mail.smtp.SmtpProfile;
import no.xsoffice.mail.smtpclient.SmtpSecurity;
import no.xsoffice.mail.smtp.SmtpSettings;
import no.xsoffice.mail.smtp.SmtpSettingsEditor;
import no.xsoffice.mail.template.TemplateCatalogue;

/**
 * Live tests of SMTP settings: the saved ones with the request's changes laid over them. The saved
 * settings are read in a short transaction; the test itself runs outside it, on the caller's
 * worker thread, and stored credentials only ever go to the server they were entered for.
 */
@ApplicationScoped
public class ConnectionTestService {

    private static final Logger LOG = Logger.getLogger(ConnectionTestService.class);

    private final ImapStage imap;
    private final TemplateCatalogue templates;

    private final SmtpSettingsEditor editor;
    private final SmtpProbe probe;
    private final OAuthTokens tokens;
    private final Validator validator;
    private final AddressGuard guard;

    public ConnectionTestService(SmtpSettingsEditor editor, SmtpProbe probe, OAuthTokens tokens, ImapStage imap,
            TemplateCatalogue templates, Validator validator, AddressGuard guard) {
        this.guard = guard;
        this.validator = validator;
        this.imap = imap;
        this.templates = templates;
        this.editor = editor;
        this.probe = probe;
        this.tokens = tokens;
    }

    /** The saved settings, whose they are ({@code owner.userId()} null: the organisation's) and their secrets' binding. */
    private record Saved(SmtpSettings settings, UserRef owner, String binding) {
    }

    /** Tests a user's personal server; {@code ownAddress} is the user's own address, if known. */
    public ConnectionTestResult testProfile(UserRef user, ConnectionTestRequest request, String ownAddress) {
        Optional<Saved> saved = QuarkusTransaction.requiringNew().call(() -> SmtpProfile.findFor(user)
                .map(p -> new Saved(p.server, user, p.secretBinding())));
        Optional<ImapServer> copyTo = QuarkusTransaction.requiringNew().call(() -> SmtpProfile.findFor(user)
                .filter(p -> !p.useSharedServer).map(p -> SentCopyPolicy.decide(p, templates.all()))
                .filter(SentCopyPolicy.Decision::wanted).map(SentCopyPolicy.Decision::imap));
        return test("user " + user.userId() + " of " + user.orgId(), saved, request, ownAddress, copyTo);
    }

    /** Tests the organisation's shared server; {@code ownAddress} is the administrator's own address, if known. */
    public ConnectionTestResult testOrganization(String orgId, ConnectionTestRequest request, String ownAddress) {
        Optional<Saved> saved = QuarkusTransaction.requiringNew().call(() -> OrganizationSmtpServer.findFor(orgId)
                .map(s -> new Saved(s.server, new UserRef(orgId, null), s.secretBinding())));
        return test("organisation " + orgId, saved, request, ownAddress, Optional.empty());
    }

    /** {@code copyTo}: the IMAP server of the copy in the Sent folder, when the profile wants one (an IMAP stage). */
    private ConnectionTestResult test(String owner, Optional<Saved> saved, ConnectionTestRequest request,
            String ownAddress, Optional<ImapServer> copyTo) {
        SmtpProbe.Target target = target(saved, request == null ? ConnectionTestRequest.EMPTY : request, ownAddress);
        List<Stage> smtp = probe.run(target);
        boolean ok = smtp.stream().allMatch(Stage::ok) && smtp.get(smtp.size() - 1).stage().equals(Stage.DATA);
        String hint = Hints.hint(smtp, target);
        List<Stage> stages = smtp;
        if (ok && copyTo.isPresent()) {
            Stage imapStage = imap.run(copyTo.get(), target);
            stages = new ArrayList<>(smtp);
            stages.add(imapStage);
            ok = imapStage.ok();
            hint = ok ? hint : ImapStage.hint(imapStage, copyTo.get());
        }
        LOG.infof("Connection test of %s's SMTP server %s:%d (%s): %s", owner, target.host(), target.port(),
                target.sendTo() == null ? "dry run" : "test mail", ok ? "passed"
                        : "failed at " + stages.get(stages.size() - 1).stage());
        return new ConnectionTestResult(ok, stages, hint, Hints.warnings(target));
    }

    /**
     * The request laid over the saved settings, validated: its own constraints, then the rules between fields and
     * the saved settings; a 400 names every bad field at once, a 404 says there is no server.
     */
    private SmtpProbe.Target target(Optional<Saved> saved, ConnectionTestRequest request, String ownAddress) {
        SmtpSettings stored = saved.map(Saved::settings).filter(s -> s.host != null).orElse(null);
        Violations violations = Violations.of(validator, request);

        String host = stored == null ? null : stored.host;
        if (request.host() != null && !request.host().isBlank()) {
            host = Hosts.normalise(request.host()).orElse(null);
            violations.check(host != null, "host", "must be a valid DNS name or IP address");
        } else if (host == null) {
            violations.throwIfAny();
            throw ProblemException.notFound("No SMTP server is saved here; give one (host) to test");
        }
        Integer port = request.port() != null ? request.port() : stored == null ? null : stored.port;
        SmtpSecurity security = request.security() != null ? request.security()
                : stored != null && stored.security != null ? stored.security
                : Objects.equals(port, SmtpSecurity.SSL_TLS.defaultPort) ? SmtpSecurity.SSL_TLS : SmtpSecurity.STARTTLS;
        if (port == null) {
            port = security.defaultPort;
        }
        violations.check(port >= 1 && port <= 65535, "port", "must be between 1 and 65535");
        AuthMethod method = request.authMethod() != null ? request.authMethod()
                : stored != null ? stored.authMethod : AuthMethod.PASSWORD;
        if (method == AuthMethod.XOAUTH2) {
            return oauthTarget(saved, request, host, port, security, ownAddress, violations);
        }

        String username = request.username() != null && !request.username().isBlank() ? request.username().trim()
                : stored == null ? null : stored.username;
        boolean authentication = request.authentication() != null ? request.authentication()
                : request.username() != null && !request.username().isBlank()
                        || (stored != null ? stored.authentication : username != null);

        String password = null;
        if (authentication) {
            violations.check(username != null, "username", "is required when authentication is on");
            password = password(saved, request, host, port, username, violations);
        }
        if (authentication && security == SmtpSecurity.NONE && host != null && !guard.passwordInPlainTextAllowed(host)) {
            violations.add("security", AddressGuard.PLAIN_TEXT_MESSAGE);
        }
        String from = from(request, username, ownAddress, violations);
        String sendTo = sendTo(request, violations);
        violations.throwIfAny();
        return new SmtpProbe.Target(host, port, security, authentication, username, password, from, sendTo);
    }

    /**
     * XOAUTH2 tests the saved sign-in: the consent (or the organisation's app-only sign-in) belongs to the
     * saved server and account, so an access token is only sent there.
     */
    private SmtpProbe.Target oauthTarget(Optional<Saved> saved, ConnectionTestRequest request, String host,
            Integer port, SmtpSecurity security, String ownAddress, Violations violations) {
        SmtpSettings stored = saved.map(Saved::settings).filter(SmtpSettings::oauth).orElse(null);
        if (stored == null) {
            violations.add("authMethod", "XOAUTH2 tests the saved OAuth sign-in: save the settings with authMethod"
                    + " XOAUTH2 and connect the account first");
            violations.throwIfAny();
        }
        if (!Objects.equals(host, stored.host) || !Objects.equals(port, stored.port)) {
            violations.add("host", "must be the saved server (" + stored.host + ":" + stored.port + ") to test the"
                    + " OAuth sign-in: an access token only goes to the server it was saved for");
        }
        String username = stored.username != null ? stored.username : stored.oauthAccount;
        if (request.username() != null && !request.username().isBlank()
                && !request.username().trim().equals(username)) {
            violations.add("username", "must be the saved account to test the OAuth sign-in");
        }
        violations.check(request.password() == null || request.password().isEmpty(), "password",
                "is not used with authMethod XOAUTH2");
        violations.check(!Boolean.FALSE.equals(request.authentication()), "authentication",
                "is always on with authMethod XOAUTH2");
        String from = from(request, username, ownAddress, violations);
        String sendTo = sendTo(request, violations);
        violations.throwIfAny();
        return new SmtpProbe.Target(host, port, security, true, username, null, from, sendTo, signIn(saved.get()));
    }

    /** The access token for the saved sign-in, or why there is none. */
    private OAuthSignIn signIn(Saved saved) {
        SmtpSettings s = saved.settings();
        String provider = s.oauthProvider.id();
        boolean appOnly = saved.owner().userId() == null;
        OAuthSignIn signIn = new OAuthSignIn(s.oauthProvider, appOnly, s.oauthState(appOnly), null, null);
        if (signIn.state().equals("NOT_CONNECTED")) {
            return signIn.without("NOT_CONNECTED", "No OAuth consent: the " + provider + " account is not connected");
        }
        if (signIn.state().equals("REFUSED")) {
            return signIn.without("REFUSED", provider + " no longer accepts the grant (" + s.credentialsFailureReply
                    + "); mail is held until it is given again");
        }
        try {
            return tokens.accessToken(saved.owner(), s, saved.binding()).map(signIn::withToken)
                    .orElseGet(() -> signIn.without("REFUSED", provider + " refused the grant just now; mail is held"
                            + " until it is given again"));
        } catch (OAuthException e) {
            return signIn.without(OAuthSignIn.UNAVAILABLE, provider + " gave no access token: " + e.getMessage());
        }
    }

    private static String sendTo(ConnectionTestRequest request, Violations violations) {
        if (request.sendTo() == null || request.sendTo().isBlank()) {
            return null;
        }
        String sendTo = MailAddress.plain(request.sendTo().trim()).orElse(null);
        violations.check(sendTo != null, "sendTo", "must be a valid e-mail address");
        return sendTo;
    }

    private String password(Optional<Saved> saved, ConnectionTestRequest request, String host, Integer port,
            String username, Violations violations) {
        String given = request.password();
        if (given != null && !given.isEmpty()) {
            return given;
        }
        SmtpSettings stored = saved.map(Saved::settings).orElse(null);
        if (stored == null || !stored.passwordSet()) {
            violations.add("password", "is required when authentication is on");
            return null;
        }
        if (!Objects.equals(host, stored.host) || !Objects.equals(port, stored.port)
                || !Objects.equals(username, stored.username)) {
            violations.add("password", "must be entered again when host, port or username differs from the saved"
                    + " settings: a stored password is only sent to the server it was entered for");
            return null;
        }
        return editor.password(stored, saved.get().binding()).orElse(null);
    }

    private static String from(ConnectionTestRequest request, String username, String ownAddress, Violations violations) {
        if (request.from() != null && !request.from().isBlank()) {
            Optional<String> from = MailAddress.plain(request.from().trim());
            violations.check(from.isPresent(), "from", "must be a valid e-mail address");
            return from.orElse(null);
        }
        Optional<String> from = Optional.ofNullable(username).flatMap(MailAddress::plain)
                .or(() -> Optional.ofNullable(ownAddress).flatMap(MailAddress::plain));
        violations.check(from.isPresent(), "from", "is required: neither the username nor your token names an address");
        return from.orElse(null);
    }
}
