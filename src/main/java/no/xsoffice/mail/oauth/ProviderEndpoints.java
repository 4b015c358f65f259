package no.xsoffice.mail.oauth;

import java.util.List;
import java.util.Optional;

import no.xsoffice.mail.smtp.OAuthProvider;

/** One provider's application and endpoints, with the tenant filled in. */
record ProviderEndpoints(OAuthProvider provider, String clientId, String clientSecret, String authorization,
        String token, Optional<String> revocation, List<String> scopes) {

    static ProviderEndpoints of(OAuthConfig config, OAuthProvider provider, String tenant) {
        if (provider == OAuthProvider.GOOGLE) {
            OAuthConfig.Google g = config.google();
            return new ProviderEndpoints(provider, g.clientId().orElse(null), g.clientSecret().orElse(null),
                    g.authorizationEndpoint(), g.tokenEndpoint(), g.revocationEndpoint(), g.scopes());
        }
        OAuthConfig.Microsoft m = config.microsoft();
        String t = tenant == null || tenant.isBlank() ? m.tenant() : tenant;
        return new ProviderEndpoints(provider, m.clientId().orElse(null), m.clientSecret().orElse(null),
                m.authorizationEndpoint().replace("{tenant}", t), m.tokenEndpoint().replace("{tenant}", t),
                m.revocationEndpoint().map(r -> r.replace("{tenant}", t)), m.scopes());
    }

    boolean configured() {
        return clientId != null && !clientId.isBlank();
    }
}
