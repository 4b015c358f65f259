package no.xsoffice.mail.transport;

import no.xsoffice.mail.smtpclient.SmtpEndpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import no.xsoffice.mail.oauth.OAuthTokens;
import no.xsoffice.mail.organization.OrganizationSmtpServer;
import no.xsoffice.mail.security.UserRef;
import no.xsoffice.mail.smtpclient.AuthMethod;
import no.xsoffice.mail.smtp.OAuthProvider;
import no.xsoffice.mail.smtp.SendingLimits;
import no.xsoffice.mail.smtp.SmtpProfile;
import no.xsoffice.mail.smtp.SmtpSettings;
import no.xsoffice.mail.smtp.SmtpSettingsEditor;
import no.xsoffice.mail.template.TemplateCatalogue;

/** Picks the server a user's mail leaves through: their own, else the organisation's, else XS Office's relay. */
@ApplicationScoped
public class TransportResolver {

    private static final Logger LOG = Logger.getLogger(TransportResolver.class);

    /** Limits of a user's or organisation's server when neither it nor its template sets them. */
    static final SendingLimits DEFAULTS = new SendingLimits(4, null, null, null);

    private final SmtpSettingsEditor settings;
    private final SystemRelayConfig relay;
    private final OAuthTokens tokens;
    private final TemplateCatalogue templates;

    public TransportResolver(SmtpSettingsEditor settings, SystemRelayConfig relay, OAuthTokens tokens,
            TemplateCatalogue templates) {
        this.settings = settings;
        this.relay = relay;
        this.tokens = tokens;
        this.templates = templates;
    }

    /** The limits of a server: its own, else its provider template's (by id, whatever the host), else the defaults. */
    public SendingLimits limits(SmtpSettings server, String templateId) {
        SendingLimits template = templateId == null ? SendingLimits.NONE : templates.find(templateId)
                .map(t -> new SendingLimits(t.limits().connections(), t.limits().messagesPerMinute(),
                        t.limits().recipientsPerMessage(), t.limits().recipientsPerDay()))
                .orElse(SendingLimits.NONE);
        return server.limits().orElse(template).orElse(DEFAULTS);
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

    /** Whose server a message goes through, and whether its credentials can be used now. */
    public record Route(TransportKind kind, boolean credentialsValid) {
    }

    /**
     * What choosing needs to know of a saved server, none of it secret: whether one is set, whether the server
     * refused its credentials, and for XOAUTH2 the provider and whether a user's consent is stored.
     */
    public record ServerState(String host, boolean credentialsValid, AuthMethod authMethod, OAuthProvider oauthProvider,
            boolean consented) {

        /** The state of saved settings; null for none. */
        public static ServerState of(SmtpSettings s) {
            return s == null ? null : new ServerState(s.host, s.credentialsValid, s.authMethod, s.oauthProvider,
                    s.oauthRefreshCiphertext != null);
        }
    }

    /**
     * The choice from the saved settings alone: the user's own server ({@code own}: null when the user has no
     * profile or it uses the shared server), else the organisation's, else XS Office's relay.
     */
    public static Route route(ServerState own, ServerState organization) {
        if (hasServer(own)) {
            return new Route(TransportKind.USER, usable(own, false));
        }
        if (hasServer(organization)) {
            return new Route(TransportKind.ORGANIZATION, usable(organization, true));
        }
        return new Route(TransportKind.SYSTEM, true);
    }

    private Transport resolve(UserRef user, boolean credentials) {
        SmtpProfile profile = SmtpProfile.findFor(user).orElse(null);
        SmtpSettings own = profile == null || profile.useSharedServer ? null : profile.server;
        ServerState ownState = ServerState.of(own);
        OrganizationSmtpServer organization = hasServer(ownState) ? null
                : OrganizationSmtpServer.findFor(user.orgId()).orElse(null);
        Route route = route(ownState, ServerState.of(organization == null ? null : organization.server));
        String why = profile == null ? "The user has no personal SMTP profile" : "The user's profile uses the shared server";
        switch (route.kind()) {
            case USER -> {
                SmtpEndpoint endpoint = endpoint(own, profile.secretBinding(), user, credentials);
                return new Transport(TransportKind.USER, "The user's own SMTP server " + own.host
                        + " (the personal profile does not use the shared server)", endpoint,
                        route.credentialsValid() && hasToken(endpoint, credentials), user,
                        limits(own, profile.templateId));
            }
            case ORGANIZATION -> {
                SmtpEndpoint endpoint = endpoint(organization.server, organization.secretBinding(),
                        new UserRef(user.orgId(), null), credentials);
                return new Transport(TransportKind.ORGANIZATION, why + "; the organisation's shared server "
                        + organization.server.host + " is used", endpoint,
                        route.credentialsValid() && hasToken(endpoint, credentials), user,
                        limits(organization.server, null));
            }
            default -> {
                why += " and the organisation has no shared server";
                if (relay.host().isPresent()) {
                    SmtpEndpoint endpoint = new SmtpEndpoint(relay.host().get(), relay.port(), relay.security(),
                            relay.username().orElse(null), credentials ? relay.password().orElse(null) : null, false);
                    return new Transport(TransportKind.SYSTEM, why + "; XS Office's relay is used", endpoint, true, user,
                            new SendingLimits(relay.connections(), null, null, null));
                }
                return new Transport(TransportKind.SYSTEM, why + "; XS Office's relay is not configured"
                        + (LaunchMode.current().isDevOrTest() ? ", so mail is written to the log (dev), not sent"
                                : ", so mail fails with NO_TRANSPORT"),
                        null, true, user, SendingLimits.NONE);
            }
        }
    }

    private static boolean hasServer(ServerState server) {
        return server != null && server.host != null;
    }

    /**
     * Whether the credentials can be used now, judged without reading them: not refused by the server, and for
     * XOAUTH2 a user's consent (a stored refresh token) or an organisation's app-only sign-in, which only
     * Microsoft offers. Without it, mail is held like after a 535.
     */
    private static boolean usable(ServerState server, boolean appOnly) {
        if (!server.credentialsValid()) {
            return false;
        }
        if (server.authMethod() != AuthMethod.XOAUTH2) {
            return true;
        }
        return appOnly ? server.oauthProvider() == OAuthProvider.MICROSOFT : server.consented();
    }

    /** With credentials at hand, an XOAUTH2 server also needs the access token the provider gave (or refused). */
    private static boolean hasToken(SmtpEndpoint endpoint, boolean credentials) {
        return !credentials || endpoint.authMethod() != AuthMethod.XOAUTH2 || endpoint.password() != null;
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
