package no.xsoffice.mail.oauth;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import no.xsoffice.mail.problem.ProblemException;
import no.xsoffice.mail.security.SecretCipher;
import no.xsoffice.mail.security.UserRef;
import no.xsoffice.mail.smtp.CredentialsSaved;
import no.xsoffice.mail.smtp.OAuthProvider;
import no.xsoffice.mail.smtp.SentCopyPolicy;
import no.xsoffice.mail.smtp.SmtpProfile;
import no.xsoffice.mail.smtp.SmtpSettings;
import no.xsoffice.mail.template.TemplateCatalogue;

/**
 * A user's consent: the authorization code flow with PKCE. The {@code state} is a random id of a
 * server-side row that holds the user and the (encrypted) verifier; it is deleted on first use, so a
 * replayed or forged state finds nothing. The refresh token is stored encrypted like a password.
 */
@ApplicationScoped
public class OAuthConsent {

    private static final Logger LOG = Logger.getLogger(OAuthConsent.class);

    private final OAuthConfig config;
    private final OAuthClient client;
    private final OAuthTokens tokens;
    private final SecretCipher cipher;
    private final Event<CredentialsSaved> saved;
    private final TemplateCatalogue templates;
    private final SecureRandom random = new SecureRandom();

    public OAuthConsent(OAuthConfig config, OAuthClient client, OAuthTokens tokens, SecretCipher cipher,
            Event<CredentialsSaved> saved, TemplateCatalogue templates) {
        this.templates = templates;
        this.config = config;
        this.client = client;
        this.tokens = tokens;
        this.cipher = cipher;
        this.saved = saved;
    }

    /** Starts a consent: the provider's authorization URL for the user's profile. */
    @Transactional
    public AuthorizationView authorize(UserRef user) {
        SmtpProfile profile = SmtpProfile.findFor(user).filter(p -> !p.useSharedServer).filter(p -> p.server.oauth())
                .orElseThrow(() -> ProblemException.unprocessable("oauth-not-ready", "Save the SMTP profile with authMethod XOAUTH2 and an"
                        + " oauthProvider first"));
        SmtpSettings s = profile.server;
        // the copy in the Sent folder signs in to IMAP with the same token: Microsoft needs its scope in the consent
        ProviderEndpoints provider = ProviderEndpoints.forUser(config, s.oauthProvider, null,
                SentCopyPolicy.decide(profile, templates.all()).wanted());
        String redirect = config.redirectUrl().orElse(null);
        if (!provider.configured() || redirect == null) {
            throw ProblemException.unprocessable("oauth-not-ready", "Sign-in with " + s.oauthProvider.id() + " is not configured on this"
                    + " service (MAIL_OAUTH_" + s.oauthProvider.name() + "_CLIENT_ID, MAIL_OAUTH_REDIRECT_URL)");
        }
        OAuthPending.delete("expiresAt < ?1", Instant.now());
        OAuthPending pending = new OAuthPending();
        pending.stateId = randomToken(32);
        String verifier = randomToken(48);
        pending.orgId = user.orgId();
        pending.userId = user.userId();
        pending.provider = s.oauthProvider.name();
        pending.codeVerifierCiphertext = cipher.encrypt(verifier, OAuthPending.binding(pending.stateId));
        pending.expiresAt = Instant.now().plus(config.stateTtl()).truncatedTo(ChronoUnit.MICROS);
        pending.persist();
        StringBuilder url = new StringBuilder(provider.authorization())
                .append(provider.authorization().contains("?") ? '&' : '?')
                .append("response_type=code")
                .append("&client_id=").append(OAuthClient.enc(provider.clientId()))
                .append("&redirect_uri=").append(OAuthClient.enc(redirect))
                .append("&scope=").append(OAuthClient.enc(String.join(" ", provider.scopes())))
                .append("&state=").append(pending.stateId)
                .append("&code_challenge=").append(challenge(verifier))
                .append("&code_challenge_method=S256");
        if (s.oauthProvider == OAuthProvider.GOOGLE) {
            url.append("&access_type=offline&prompt=consent");
        }
        if (s.username != null) {
            url.append("&login_hint=").append(OAuthClient.enc(s.username));
        }
        return new AuthorizationView(url.toString(), pending.expiresAt);
    }

    /** Ends a consent; answers where the browser goes next, with the outcome. */
    public URI callback(String state, String code, String error) {
        Optional<Started> started = state == null || state.length() > 100 ? Optional.empty()
                : QuarkusTransaction.requiringNew().call(() -> take(state));
        if (started.isEmpty()) {
            return outcome("error", "invalid_state");
        }
        UserRef user = started.get().user();
        if (error != null || code == null) {
            LOG.infof("Consent of user %s of %s ended without a code: %s", user.userId(), user.orgId(),
                    error == null ? "no code" : error.replaceAll("[^A-Za-z0-9_]", ""));
            return outcome("error", "access_denied");
        }
        ProviderEndpoints provider = ProviderEndpoints.of(config, started.get().provider(), null);
        TokenResponse token;
        try {
            token = client.exchangeCode(provider, code, started.get().verifier(), config.redirectUrl().orElseThrow());
        } catch (OAuthException e) {
            LOG.warnf("Code exchange for user %s of %s failed: %s", user.userId(), user.orgId(), e.error());
            return outcome("error", "exchange_failed");
        }
        if (token.refreshToken() == null) {
            return outcome("error", "no_refresh_token");
        }
        boolean stored = QuarkusTransaction.requiringNew().call(() -> store(user, started.get().provider(), token));
        return stored ? outcome("connected", null) : outcome("error", "profile_changed");
    }

    /** Revokes the refresh token (where the provider allows) and forgets it; mail waits for a new consent. */
    public void disconnect(UserRef user) {
        Optional<String[]> revoked = QuarkusTransaction.requiringNew().call(() -> SmtpProfile.lockFor(user)
                .filter(p -> p.server.oauthRefreshCiphertext != null).map(p -> {
                    String refresh = cipher.decrypt(p.server.oauthRefreshCiphertext,
                            OAuthTokens.binding(p.secretBinding()));
                    OAuthProvider provider = p.server.oauthProvider;
                    p.server.forgetOAuth();
                    p.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    return new String[] { provider.name(), refresh };
                }));
        tokens.forget(user);
        revoked.ifPresent(r -> client.revoke(ProviderEndpoints.of(config, OAuthProvider.valueOf(r[0]), null), r[1]));
    }

    private record Started(UserRef user, OAuthProvider provider, String verifier) {
    }

    private Optional<Started> take(String state) {
        Optional<OAuthPending> pending = OAuthPending.lock(state);
        pending.ifPresent(OAuthPending::delete);
        return pending.filter(p -> p.expiresAt.isAfter(Instant.now())).map(p -> new Started(
                new UserRef(p.orgId, p.userId), OAuthProvider.valueOf(p.provider),
                cipher.decrypt(p.codeVerifierCiphertext, OAuthPending.binding(p.stateId))));
    }

    private boolean store(UserRef user, OAuthProvider provider, TokenResponse token) {
        Optional<SmtpProfile> profile = SmtpProfile.lockFor(user)
                .filter(p -> p.server.oauth() && p.server.oauthProvider == provider);
        profile.ifPresent(p -> {
            SmtpSettings s = p.server;
            s.oauthRefreshCiphertext = cipher.encrypt(token.refreshToken(), OAuthTokens.binding(p.secretBinding()));
            s.oauthAccount = token.account();
            s.oauthScopes = token.scope();
            s.oauthConnectedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            if (s.username == null) {
                s.username = token.account();
            }
            s.acceptCredentials();
            p.updatedAt = s.oauthConnectedAt;
            tokens.remember(user, s.oauthRefreshCiphertext, token);
            saved.fire(new CredentialsSaved(user.orgId(), user.userId()));
            LOG.infof("User %s of %s connected %s as %s", user.userId(), user.orgId(), provider.id(), token.account());
        });
        return profile.isPresent();
    }

    private URI outcome(String outcome, String reason) {
        String base = config.returnUrl().orElse("/");
        return URI.create(base + (base.contains("?") ? "&" : "?") + "oauth=" + outcome
                + (reason == null ? "" : "&reason=" + reason));
    }

    private String randomToken(int bytes) {
        byte[] raw = new byte[bytes];
        random.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
