package no.xsoffice.mail.transport;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import no.xsoffice.mail.oauth.OAuthTokens;
import no.xsoffice.mail.organization.OrganizationSmtpServer;
import no.xsoffice.mail.security.UserRef;
import no.xsoffice.mail.smtp.AuthMethod;
import no.xsoffice.mail.smtp.OAuthProvider;
import no.xsoffice.mail.smtp.SmtpProfile;
import no.xsoffice.mail.smtp.SmtpSettings;
import no.xsoffice.mail.smtp.SmtpSettingsEditor;

/** Picks the server a user's mail leaves through: their own, else the organisation's, else XS Office's relay. */
@ApplicationScoped
public class TransportResolver {

    private static final Logger LOG = Logger.getLogger(TransportResolver.class);

    private final SmtpSettingsEditor settings;
    private final SystemRelayConfig relay;
    private final OAuthTokens tokens;

    public TransportResolver(SmtpSettingsEditor settings, SystemRelayConfig relay, OAuthTokens tokens) {
        this.settings = settings;
        this.relay = relay;
        this.tokens = tokens;
    }

    void warnWithoutRelay(@Observes StartupEvent event) {
        if (relay.host().isEmpty()) {
            if (LaunchMode.current().isDevOrTest()) {
                LOG.warn("MAIL_SYSTEM_SMTP_HOST is not set: mail for users without a server is written to the log, NOT sent");
            } else {
                LOG.warn("MAIL_SYSTEM_SMTP_HOST is not set: mail for users without a server of their own or of their"
                        + " organisation fails with NO_TRANSPORT");
            }
        }
    }

    /** Which server the user's mail would leave through now, and why. Reads no secret and calls no provider. */
    @Transactional
    public Transport choose(UserRef user) {
        return resolve(user, false);
    }

    /** The server for a delivery, with its credentials: decrypts the password or gets an OAuth access token. */
    @Transactional
    public Transport resolve(UserRef user) {
        return resolve(user, true);
    }

    private Transport resolve(UserRef user, boolean credentials) {
        SmtpProfile profile = SmtpProfile.findFor(user).orElse(null);
        if (profile != null && !profile.useSharedServer && profile.server.host != null) {
            SmtpEndpoint endpoint = endpoint(profile.server, profile.secretBinding(), user, credentials);
            return new Transport(TransportKind.USER, "The user's own SMTP server " + profile.server.host
                    + " (the personal profile does not use the shared server)",
                    endpoint, profile.server.credentialsValid && usable(profile.server, endpoint, credentials, false), user);
        }
        String why = profile == null ? "The user has no personal SMTP profile" : "The user's profile uses the shared server";
        OrganizationSmtpServer organization = OrganizationSmtpServer.findFor(user.orgId()).orElse(null);
        if (organization != null && organization.server.host != null) {
            SmtpEndpoint endpoint = endpoint(organization.server, organization.secretBinding(),
                    new UserRef(user.orgId(), null), credentials);
            return new Transport(TransportKind.ORGANIZATION, why + "; the organisation's shared server "
                    + organization.server.host + " is used", endpoint,
                    organization.server.credentialsValid && usable(organization.server, endpoint, credentials, true), user);
        }
        why += " and the organisation has no shared server";
        if (relay.host().isPresent()) {
            SmtpEndpoint endpoint = new SmtpEndpoint(relay.host().get(), relay.port(), relay.security(),
                    relay.username().orElse(null), credentials ? relay.password().orElse(null) : null, false);
            return new Transport(TransportKind.SYSTEM, why + "; XS Office's relay is used", endpoint, true, user);
        }
        return new Transport(TransportKind.SYSTEM, why + "; XS Office's relay is not configured"
                + (LaunchMode.current().isDevOrTest() ? ", so mail is written to the log (dev), not sent"
                        : ", so mail fails with NO_TRANSPORT"),
                null, true, user);
    }

    /**
     * An XOAUTH2 server without a token (no consent, or the grant was refused) holds mail like refused
     * credentials. Without credentials at hand: a user's consent is its stored refresh token, and an
     * organisation signs in app-only, which only Microsoft offers.
     */
    private static boolean usable(SmtpSettings server, SmtpEndpoint endpoint, boolean credentials, boolean appOnly) {
        if (endpoint.authMethod() != AuthMethod.XOAUTH2) {
            return true;
        }
        if (credentials) {
            return endpoint.password() != null;
        }
        return appOnly ? server.oauthProvider == OAuthProvider.MICROSOFT : server.oauthRefreshCiphertext != null;
    }

    private SmtpEndpoint endpoint(SmtpSettings server, String binding, UserRef owner, boolean credentials) {
        if (server.oauth()) {
            String token = credentials ? tokens.accessToken(owner, server, binding).orElse(null) : null;
            String username = server.username != null ? server.username : server.oauthAccount;
            return new SmtpEndpoint(server.host, server.port, server.security, username, token, true,
                    AuthMethod.XOAUTH2);
        }
        String password = credentials && server.authentication ? settings.password(server, binding).orElse(null) : null;
        return new SmtpEndpoint(server.host, server.port, server.security,
                server.authentication ? server.username : null, password, true);
    }
}
