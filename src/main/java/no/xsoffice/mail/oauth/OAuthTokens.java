package no.xsoffice.mail.oauth;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import no.xsoffice.mail.organization.OrganizationSmtpServer;
import no.xsoffice.mail.security.SecretCipher;
import no.xsoffice.mail.security.UserRef;
import no.xsoffice.mail.smtp.OAuthProvider;
import no.xsoffice.mail.smtp.SmtpProfile;
import no.xsoffice.mail.smtp.SmtpSettings;

/**
 * Access tokens for XOAUTH2, cached in memory until shortly before they expire and fetched again on
 * demand: with the stored refresh token for a user, with client credentials (app-only) for an
 * organisation. A grant the provider refuses ({@code invalid_grant}) marks the credentials refused,
 * so that mail is held as after a 535 until a new consent.
 */
@ApplicationScoped
public class OAuthTokens {

    private static final Logger LOG = Logger.getLogger(OAuthTokens.class);
    static final Duration MARGIN = Duration.ofSeconds(60);
    public static final String REFUSED_REPLY = "invalid_grant";

    private final OAuthConfig config;
    private final OAuthClient client;
    private final SecretCipher cipher;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(String accessToken, Instant expiresAt, String grant, Instant mintedAt) {
    }

    public OAuthTokens(OAuthConfig config, OAuthClient client, SecretCipher cipher) {
        this.config = config;
        this.client = client;
        this.cipher = cipher;
    }

    /** Binding of a refresh token's ciphertext: it only decrypts in its owner's row. */
    public static String binding(String rowBinding) {
        return rowBinding + "/oauth-refresh";
    }

    /**
     * A valid access token for the owner ({@code owner.userId()} null: the organisation), or empty when there
     * is no consent or the provider refused the grant. Throws {@link OAuthException} when the provider fails for now.
     */
    public Optional<String> accessToken(UserRef owner, SmtpSettings s, String rowBinding) {
        boolean appOnly = owner.userId() == null;
        if (!appOnly && s.oauthRefreshCiphertext == null || !s.credentialsValid) {
            return Optional.empty();
        }
        String key = key(owner);
        String grant = appOnly ? "app/" + s.oauthProvider + "/" + s.oauthTenant : s.oauthRefreshCiphertext;
        Cached cached = cache.get(key);
        if (cached != null && cached.grant.equals(grant) && Instant.now().plus(MARGIN).isBefore(cached.expiresAt)) {
            return Optional.of(cached.accessToken);
        }
        boolean imapGranted = s.oauthScopes != null && s.oauthScopes.contains(config.microsoft().imapScope());
        ProviderEndpoints provider = appOnly ? ProviderEndpoints.of(config, s.oauthProvider, s.oauthTenant)
                : ProviderEndpoints.forUser(config, s.oauthProvider, s.oauthTenant, imapGranted);
        TokenResponse token;
        try {
            if (appOnly) {
                if (s.oauthProvider != OAuthProvider.MICROSOFT) {
                    return Optional.empty();
                }
                token = client.clientCredentials(provider, config.microsoft().appScope());
            } else {
                token = client.refresh(provider, cipher.decrypt(s.oauthRefreshCiphertext, binding(rowBinding)));
            }
        } catch (OAuthException e) {
            if (e.grantRefused()) {
                LOG.warnf("%s refused the OAuth grant of %s (%s): mail is held until a new consent",
                        provider.provider().id(), key, e.error());
                refuse(owner);
                return Optional.empty();
            }
            throw e;
        }
        if (!appOnly && token.refreshToken() != null) {
            grant = rotate(owner, rowBinding, token.refreshToken()).orElse(grant);
        }
        remember(owner, grant, token);
        return Optional.of(token.accessToken());
    }

    /** Caches the access token a consent just brought. */
    void remember(UserRef owner, String grant, TokenResponse token) {
        Instant now = Instant.now();
        cache.put(key(owner), new Cached(token.accessToken(), now.plusSeconds(token.expiresIn()), grant, now));
    }

    /**
     * A server refused the access token used since {@code since}: when that token came from the cache rather than
     * a refresh made for this delivery, it is forgotten and true is answered, so that the next try refreshes it
     * (a revoked or early-expired token) before the mail is held.
     */
    public boolean forgetRefused(UserRef owner, Instant since) {
        Cached cached = cache.get(key(owner));
        return cached != null && cached.mintedAt().isBefore(since) && cache.remove(key(owner), cached);
    }

    void forget(UserRef owner) {
        cache.remove(key(owner));
    }

    private static String key(UserRef owner) {
        return owner.userId() == null ? "organisation " + owner.orgId() : "user " + owner.userId() + " of " + owner.orgId();
    }

    private Optional<String> rotate(UserRef owner, String rowBinding, String refreshToken) {
        return QuarkusTransaction.requiringNew().call(() -> settings(owner).map(s -> {
            s.oauthRefreshCiphertext = cipher.encrypt(refreshToken, binding(rowBinding));
            return s.oauthRefreshCiphertext;
        }));
    }

    private void refuse(UserRef owner) {
        forget(owner);
        QuarkusTransaction.requiringNew().run(() -> settings(owner).filter(s -> s.credentialsValid)
                .ifPresent(s -> s.refuseCredentials(Instant.now().truncatedTo(ChronoUnit.MICROS), REFUSED_REPLY)));
    }

    private static Optional<SmtpSettings> settings(UserRef owner) {
        return owner.userId() == null ? OrganizationSmtpServer.lockFor(owner.orgId()).map(o -> o.server)
                : SmtpProfile.lockFor(owner).map(p -> p.server).filter(s -> Objects.nonNull(s.oauthProvider));
    }
}
