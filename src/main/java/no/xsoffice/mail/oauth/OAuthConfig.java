package no.xsoffice.mail.oauth;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** OAuth applications at Google and Microsoft, for SMTP sign-in with XOAUTH2 ({@code MAIL_OAUTH_*}). */
@ConfigMapping(prefix = "mail.oauth")
public interface OAuthConfig {

    Google google();

    Microsoft microsoft();

    /** Where the providers send the browser back: this service's {@code /api/v1/oauth/callback}, as registered. */
    Optional<String> redirectUrl();

    /** The front-end page the callback sends the browser to, with {@code oauth=connected} or {@code oauth=error}. */
    Optional<String> returnUrl();

    /** How long a started consent may take. */
    @WithDefault("10m")
    Duration stateTtl();

    /** Timeout of each call to a provider's token or revocation endpoint. */
    @WithDefault("10s")
    Duration httpTimeout();

    interface Google {
        /** The OAuth client id of XS Office's Google application. */
        Optional<String> clientId();

        /** Its client secret. */
        Optional<String> clientSecret();

        /** Authorization endpoint. */
        @WithDefault("https://accounts.google.com/o/oauth2/v2/auth")
        String authorizationEndpoint();

        /** Token endpoint. */
        @WithDefault("https://oauth2.googleapis.com/token")
        String tokenEndpoint();

        /** Revocation endpoint (optional). */
        @WithDefault("https://oauth2.googleapis.com/revoke")
        Optional<String> revocationEndpoint();

        /** Scopes asked for: full SMTP access, and the account's address. */
        @WithDefault("https://mail.google.com/,openid,email")
        List<String> scopes();
    }

    interface Microsoft {
        /** The application (client) id of XS Office's Entra ID application. */
        Optional<String> clientId();

        /** Its client secret. */
        Optional<String> clientSecret();

        /** Tenant for user consent: {@code organizations}, {@code common} or one tenant's id. */
        @WithDefault("organizations")
        String tenant();

        /** Authorization endpoint; {tenant} is replaced. */
        @WithDefault("https://login.microsoftonline.com/{tenant}/oauth2/v2.0/authorize")
        String authorizationEndpoint();

        /** Token endpoint; {tenant} is replaced. */
        @WithDefault("https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token")
        String tokenEndpoint();

        /** Revocation endpoint (optional; Microsoft has none for refresh tokens). */
        Optional<String> revocationEndpoint();

        /** Scopes asked for on user consent. */
        @WithDefault("https://outlook.office.com/SMTP.Send,offline_access,openid,email")
        List<String> scopes();

        /**
         * Scope added to a user's consent when the profile wants a copy of sent mail in the Sent folder: IMAP
         * access to the mailbox (Outlook.com and Microsoft 365 file submissions themselves, so only with
         * sentCopy ALWAYS or a server no template names). Refreshes ask for it only once it was granted.
         */
        @WithDefault("https://outlook.office.com/IMAP.AccessAsUser.All")
        String imapScope();

        /** Scope of an organisation's app-only sign-in (client credentials). */
        @WithDefault("https://outlook.office.com/.default")
        String appScope();
    }
}
