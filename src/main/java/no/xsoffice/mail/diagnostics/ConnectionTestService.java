package no.xsoffice.mail.diagnostics;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import no.xsoffice.mail.address.MailAddress;
import no.xsoffice.mail.organization.OrganizationSmtpServer;
import no.xsoffice.mail.problem.ProblemException;
import no.xsoffice.mail.problem.Violations;
import no.xsoffice.mail.security.UserRef;
import no.xsoffice.mail.smtp.Hosts;
import no.xsoffice.mail.smtp.SmtpProfile;
import no.xsoffice.mail.smtp.SmtpSecurity;
import no.xsoffice.mail.smtp.SmtpSettings;
import no.xsoffice.mail.smtp.SmtpSettingsEditor;

/**
 * Live tests of SMTP settings: the saved ones with the request's changes laid over them. The saved
 * settings are read in a short transaction; the test itself runs outside it, on the caller's
 * worker thread, and stored credentials only ever go to the server they were entered for.
 */
@ApplicationScoped
public class ConnectionTestService {

    private static final Logger LOG = Logger.getLogger(ConnectionTestService.class);
    static final int MAX_PASSWORD = 1024;

    private final SmtpSettingsEditor editor;
    private final SmtpProbe probe;

    public ConnectionTestService(SmtpSettingsEditor editor, SmtpProbe probe) {
        this.editor = editor;
        this.probe = probe;
    }

    /** The saved settings and the binding their password decrypts with. */
    private record Saved(SmtpSettings settings, String binding) {
    }

    /** Tests a user's personal server; {@code ownAddress} is the user's own address, if known. */
    public ConnectionTestResult testProfile(UserRef user, ConnectionTestRequest request, String ownAddress) {
        Optional<Saved> saved = QuarkusTransaction.requiringNew().call(() -> SmtpProfile.findFor(user)
                .map(p -> new Saved(p.server, p.secretBinding())));
        return test("user " + user.userId() + " of " + user.orgId(), saved, request, ownAddress);
    }

    /** Tests the organisation's shared server; {@code ownAddress} is the administrator's own address, if known. */
    public ConnectionTestResult testOrganization(String orgId, ConnectionTestRequest request, String ownAddress) {
        Optional<Saved> saved = QuarkusTransaction.requiringNew().call(() -> OrganizationSmtpServer.findFor(orgId)
                .map(s -> new Saved(s.server, s.secretBinding())));
        return test("organisation " + orgId, saved, request, ownAddress);
    }

    private ConnectionTestResult test(String owner, Optional<Saved> saved, ConnectionTestRequest request,
            String ownAddress) {
        SmtpProbe.Target target = target(saved, request == null ? ConnectionTestRequest.EMPTY : request, ownAddress);
        List<Stage> stages = probe.run(target);
        boolean ok = stages.stream().allMatch(Stage::ok) && stages.get(stages.size() - 1).stage().equals(Stage.DATA);
        LOG.infof("Connection test of %s's SMTP server %s:%d (%s): %s", owner, target.host(), target.port(),
                target.sendTo() == null ? "dry run" : "test mail", ok ? "passed"
                        : "failed at " + stages.get(stages.size() - 1).stage());
        return new ConnectionTestResult(ok, stages, Hints.hint(stages, target), Hints.warnings(target));
    }

    /** The request laid over the saved settings, validated; a 400 names each bad field, a 404 says there is no server. */
    private SmtpProbe.Target target(Optional<Saved> saved, ConnectionTestRequest request, String ownAddress) {
        SmtpSettings stored = saved.map(Saved::settings).filter(s -> s.host != null).orElse(null);
        Violations violations = new Violations();

        String host = stored == null ? null : stored.host;
        if (request.host() != null && !request.host().isBlank()) {
            host = Hosts.normalise(request.host()).orElse(null);
            violations.check(host != null, "host", "must be a valid DNS name or IP address");
        } else if (host == null) {
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

        String username = request.username() != null && !request.username().isBlank() ? request.username().trim()
                : stored == null ? null : stored.username;
        if (username != null) {
            violations.check(username.length() <= 320 && !MailAddress.hasControl(username), "username",
                    "must be at most 320 characters without control characters");
        }
        boolean authentication = request.authentication() != null ? request.authentication()
                : request.username() != null && !request.username().isBlank()
                        || (stored != null ? stored.authentication : username != null);

        String password = null;
        if (authentication) {
            violations.check(username != null, "username", "is required when authentication is on");
            password = password(saved, request, host, port, username, violations);
        }
        String from = from(request, username, ownAddress, violations);
        String sendTo = null;
        if (request.sendTo() != null && !request.sendTo().isBlank()) {
            sendTo = MailAddress.plain(request.sendTo().trim()).orElse(null);
            violations.check(sendTo != null, "sendTo", "must be a valid e-mail address");
        }
        violations.throwIfAny();
        return new SmtpProbe.Target(host, port, security, authentication, username, password, from, sendTo);
    }

    private String password(Optional<Saved> saved, ConnectionTestRequest request, String host, Integer port,
            String username, Violations violations) {
        String given = request.password();
        if (given != null && !given.isEmpty()) {
            violations.check(given.length() <= MAX_PASSWORD && given.indexOf('\0') < 0, "password",
                    "must be at most " + MAX_PASSWORD + " characters without NUL");
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
